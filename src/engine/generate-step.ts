import { abortError, raceAbort } from './abort';
import type { PromptFormat } from './formats/prompt-format';
import type { ParserEvent } from './parsing/block-parser';
import type { TraceWriter } from './trace-writer';
import type { LanguageModel } from './types';
import type { UsageTotal } from './usage-total';

export type StepResult =
  | { type: 'end' }
  | { type: 'block-cap' }
  | { type: 'token-cap' }
  /** The backend stopped because the context window was full. */
  | { type: 'context-cap' }
  /** `generated` is the model's text for the context; `code` is set when the generation ended after a code block. */
  | { type: 'block'; generated: string; code: string | null };

export interface StepArgs {
  model: LanguageModel;
  format: PromptFormat;
  context: string;
  maxTokens: number;
  maxBlocks: number;
  signal: AbortSignal;
  writer: TraceWriter;
  usage: UsageTotal;
}

/** One model call: streams its blocks to the trace and says what the stop meant. */
export async function generateStep({
  model,
  format,
  context,
  maxTokens,
  maxBlocks,
  signal,
  writer,
  usage,
}: StepArgs): Promise<StepResult> {
  const parser = format.createParser();
  const cap = new AbortController();
  let generated = '';
  // Written from the streaming callback, hence an object rather than narrowed locals.
  const seen = {
    capped: false,
    end: false,
    lastBlock: null as { kind: 'text' | 'code'; text: string } | null,
  };

  const apply = (events: ParserEvent[]) => {
    for (const event of events) {
      if (seen.capped) return;
      switch (event.type) {
        case 'block-start':
          if (writer.modelBlockCount >= maxBlocks) {
            seen.capped = true;
            cap.abort();
            return;
          }
          writer.start(event.kind);
          break;
        case 'block-delta':
          writer.delta(event.text);
          break;
        case 'block-end':
          writer.end();
          seen.lastBlock = { kind: event.kind, text: event.text };
          break;
        case 'end-of-message':
          seen.end = true;
          break;
        case 'malformed':
          writer.notice('malformed-output', event.message);
          break;
      }
    }
  };

  const generation = model.generate(
    {
      prompt: context,
      stop: format.stop,
      maxTokens,
      signal: AbortSignal.any([signal, cap.signal]),
    },
    (delta) => {
      if (seen.capped || signal.aborted) return;
      generated += delta;
      apply(parser.push(delta));
    },
  );
  // The block cap aborts the generation itself, so only the caller's signal cuts the wait short.
  const result = await raceAbort(generation, signal);
  if (signal.aborted || (result.finishReason === 'abort' && !seen.capped)) throw abortError();
  usage.addModel(result.usage);
  if (seen.capped) return { type: 'block-cap' };

  const { events, dropped } = parser.flush();
  apply(events);
  generated = generated.slice(0, generated.length - dropped.length);
  if (seen.capped) return { type: 'block-cap' };
  if (result.finishReason === 'length' || result.finishReason === 'context') {
    apply(parser.close());
    return { type: result.finishReason === 'context' ? 'context-cap' : 'token-cap' };
  }
  const meaning = seen.end ? 'end' : format.stopMeaning(result.stopSequence, parser.state);
  apply(parser.close());
  if (meaning === 'end') return { type: 'end' };
  const code = seen.lastBlock?.kind === 'code' ? seen.lastBlock.text : null;
  return { type: 'block', generated, code };
}

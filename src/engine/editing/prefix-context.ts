// A trace that already happened, written back into the model's context so generation can go on after it.
import { capExecutionOutput } from '../formats/execution-output';
import type { PromptFormat } from '../formats/prompt-format';
import type { ContextRound } from '../model-context';
import type { BlockKind } from '../types';

export interface PrefixBlock {
  kind: BlockKind;
  text: string;
}

/** Removes one trailing stop string: the live loop never puts the stop a generation ended on into its text. */
function withoutTrailingStop(text: string, stops: readonly string[]): string {
  const stop = stops.find((s) => text.endsWith(s));
  return stop ? text.slice(0, text.length - stop.length) : text;
}

/**
 * The rounds the live loop would have built for these blocks: each run of model blocks as one generation (what
 * `continuation` expects) with the execution after it as `renderExecution` writes it.
 */
export function contextRoundsFromBlocks(
  format: PromptFormat,
  blocks: readonly PrefixBlock[],
): ContextRound[] {
  const rounds: ContextRound[] = [];
  let generated = '';
  let modelBlocks = 0;
  const flush = () => {
    if (generated === '') return;
    rounds.push({
      text: format.continuation(withoutTrailingStop(generated, format.stop)),
      blocks: modelBlocks,
    });
    generated = '';
    modelBlocks = 0;
  };
  for (const block of blocks) {
    if (block.kind === 'execution') {
      flush();
      const text = format.renderExecution(capExecutionOutput(block.text.trim()).text);
      const last = rounds.at(-1);
      if (last) {
        last.text += text;
        last.blocks++;
      } else {
        rounds.push({ text, blocks: 1 });
      }
    } else {
      generated += format.renderModelBlock(block.kind, block.text);
      modelBlocks++;
    }
  }
  flush();
  return rounds;
}

/** The context the live loop would have built for these blocks, after the prompt. */
export function contextFromBlocks(
  format: PromptFormat,
  problem: string,
  blocks: readonly PrefixBlock[],
): string {
  return (
    format.buildPrompt(problem) +
    contextRoundsFromBlocks(format, blocks)
      .map((r) => r.text)
      .join('')
  );
}

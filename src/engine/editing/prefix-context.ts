// A trace that already happened, written back into the model's context so generation can go on after it.
import { capExecutionOutput } from '../formats/execution-output';
import type { PromptFormat } from '../formats/prompt-format';
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
 * The context the live loop would have built for these blocks: the prompt, each run of model blocks as one
 * generation (what `continuation` expects) and each execution as `renderExecution` writes it.
 */
export function contextFromBlocks(
  format: PromptFormat,
  problem: string,
  blocks: readonly PrefixBlock[],
): string {
  let context = format.buildPrompt(problem);
  let generated = '';
  const flush = () => {
    if (generated === '') return;
    context += format.continuation(withoutTrailingStop(generated, format.stop));
    generated = '';
  };
  for (const block of blocks) {
    if (block.kind === 'execution') {
      flush();
      context += format.renderExecution(capExecutionOutput(block.text.trim()).text);
    } else {
      generated += format.renderModelBlock(block.kind, block.text);
    }
  }
  flush();
  return context;
}

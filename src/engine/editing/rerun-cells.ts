// Edit & re-run: prepare the namespace (a fresh one, the cells before the edited one run silently), then run the
// edited cell and every later one again.
import { abortError } from '../abort';
import type { PromptFormat } from '../formats/prompt-format';
import { resetNamespace, runCell } from '../run-cell';
import type { CellOutput, CodeRunner } from '../types';
import type { PrefixBlock } from './prefix-context';

export interface RerunArgs {
  blocks: readonly PrefixBlock[];
  /** Index in `blocks` of the first code block to run again and show (the edited one). */
  from: number;
  runner: CodeRunner;
  format: PromptFormat;
  signal: AbortSignal;
  cellTimeoutMs?: number;
  /** Called once per code block at or after `from`, in order, as soon as its output is known. */
  onCell?: (index: number, output: CellOutput) => void;
}

/** The next cell of a re-run; once stopped, a re-run runs nothing more. */
function runNext(
  code: string,
  { runner, format, signal, cellTimeoutMs }: Omit<RerunArgs, 'blocks' | 'from' | 'onCell'>,
): Promise<CellOutput> {
  if (signal.aborted) return Promise.reject(abortError());
  return runCell(runner, format.codeToRun(code), signal, cellTimeoutMs);
}

/** Puts the namespace in the state the cells before `upTo` leave it in; their outputs are not shown again. */
export async function prepareNamespace(
  blocks: readonly PrefixBlock[],
  upTo: number,
  args: Omit<RerunArgs, 'blocks' | 'from' | 'onCell'>,
): Promise<void> {
  await resetNamespace(args.runner, args.signal);
  for (let i = 0; i < upTo && i < blocks.length; i++) {
    const block = blocks[i]!;
    if (block.kind === 'code') await runNext(block.text, args);
  }
}

/** Returns the new output of each code block at or after `from`, by block index. */
export async function rerunCells(args: RerunArgs): Promise<Map<number, CellOutput>> {
  const { blocks, from, onCell } = args;
  await prepareNamespace(blocks, from, args);
  const outputs = new Map<number, CellOutput>();
  for (let i = from; i < blocks.length; i++) {
    const block = blocks[i]!;
    if (block.kind !== 'code') continue;
    const output = await runNext(block.text, args);
    outputs.set(i, output);
    onCell?.(i, output);
  }
  return outputs;
}

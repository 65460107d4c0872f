// Edit & re-run: prepare the namespace (a fresh one, the cells before the edited one run silently), then run the
// edited cell and every later one again.
import { abortError, raceAbort } from '../abort';
import { EngineError, isAbortError, toEngineError } from '../errors';
import type { PromptFormat } from '../formats/prompt-format';
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

/** Runs one cell; an aborted signal rejects with an AbortError, a broken sandbox with `sandbox-failed`. */
async function runCell(
  runner: CodeRunner,
  code: string,
  signal: AbortSignal,
  timeoutMs: number | undefined,
): Promise<CellOutput> {
  if (signal.aborted) throw abortError();
  try {
    return await raceAbort(runner.run(code, { signal, timeoutMs }), signal);
  } catch (error) {
    if (signal.aborted || isAbortError(error)) throw error;
    throw EngineError.from(toEngineError(error, { source: 'sandbox' }), error);
  }
}

/** Puts the namespace in the state the cells before `upTo` leave it in; their outputs are not shown again. */
export async function prepareNamespace(
  blocks: readonly PrefixBlock[],
  upTo: number,
  { runner, format, signal, cellTimeoutMs }: Omit<RerunArgs, 'blocks' | 'from' | 'onCell'>,
): Promise<void> {
  try {
    await raceAbort(runner.reset(), signal);
  } catch (error) {
    if (signal.aborted || isAbortError(error)) throw error;
    throw EngineError.from(toEngineError(error, { source: 'sandbox' }), error);
  }
  for (let i = 0; i < upTo && i < blocks.length; i++) {
    const block = blocks[i]!;
    if (block.kind === 'code')
      await runCell(runner, format.codeToRun(block.text), signal, cellTimeoutMs);
  }
}

/** Returns the new output of each code block at or after `from`, by block index. */
export async function rerunCells(args: RerunArgs): Promise<Map<number, CellOutput>> {
  const { blocks, from, runner, format, signal, cellTimeoutMs, onCell } = args;
  await prepareNamespace(blocks, from, args);
  const outputs = new Map<number, CellOutput>();
  for (let i = from; i < blocks.length; i++) {
    const block = blocks[i]!;
    if (block.kind !== 'code') continue;
    const output = await runCell(runner, format.codeToRun(block.text), signal, cellTimeoutMs);
    outputs.set(i, output);
    onCell?.(i, output);
  }
  return outputs;
}

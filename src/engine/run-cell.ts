// Code in the sandbox, as the solve loop and edit & re-run both run it: an aborted signal rejects with an
// AbortError, a sandbox that fails with `sandbox-failed`.
import { raceAbort } from './abort';
import { EngineError, isAbortError, toEngineError } from './errors';
import type { CellOutput, CodeRunner } from './types';

function sandboxFailure(error: unknown, signal: AbortSignal): unknown {
  if (signal.aborted || isAbortError(error)) return error;
  return EngineError.from(toEngineError(error, { source: 'sandbox' }), error);
}

/** Runs one cell in the current namespace; the runner gets the signal even when it has aborted, and says no itself. */
export async function runCell(
  runner: CodeRunner,
  code: string,
  signal: AbortSignal,
  timeoutMs: number | undefined,
): Promise<CellOutput> {
  try {
    return await raceAbort(runner.run(code, { signal, timeoutMs }), signal);
  } catch (error) {
    throw sandboxFailure(error, signal);
  }
}

/** A fresh namespace for the next problem, or for cells run again from the start. */
export async function resetNamespace(runner: CodeRunner, signal: AbortSignal): Promise<void> {
  try {
    await raceAbort(runner.reset(), signal);
  } catch (error) {
    throw sandboxFailure(error, signal);
  }
}

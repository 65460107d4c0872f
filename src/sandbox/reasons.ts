// What the status line and a cell say when the sandbox replaces its worker (never the worker's own words).
import type { SandboxErrorData } from './protocol';
import type { SandboxStatus } from './types';

/** A new problem waits for a fresh interpreter when no spare is ready. */
export const FRESH_START: SandboxStatus = {
  state: 'starting',
  progress: 'Starting a fresh Python…',
};

export const CRASH_REASON = 'The Python worker stopped unexpectedly; restoring the earlier cells.';
export const STOPPED_REASON = 'A cell did not stop; restoring the earlier cells.';
export const WEDGED_REASON =
  'Python was still busy with work an earlier cell left running; restoring the earlier cells.';
export const WEDGED_ERROR: SandboxErrorData = {
  name: 'BusyError',
  message: 'the worker did not begin the next job in time',
  code: 'crashed',
};
/** JavaScript a cell started raised an error after the cell ended. */
export const UNCAUGHT_ERROR: SandboxErrorData = {
  name: 'UncaughtError',
  message: 'an uncaught error',
  code: 'crashed',
};
export const UNCAUGHT_TEXT =
  'RuntimeError: JavaScript code that this cell started raised an error after the cell ended; the Python worker was replaced and the earlier cells were run again';

/** What a cell running when the worker broke answers. */
export function crashText(error: SandboxErrorData): string {
  return `RuntimeError: the Python worker stopped unexpectedly (${error.message}); it was restarted and the earlier cells were run again`;
}

// What the status line and a cell say when the sandbox replaces its worker (never the worker's own words).
import type { SandboxErrorData } from './protocol';

export const CRASH_REASON = 'The Python worker stopped unexpectedly; restoring the earlier cells.';
export const STOPPED_REASON = 'A cell did not stop; restoring the earlier cells.';
export const WEDGED_REASON =
  'Python was still busy with work an earlier cell left running; restoring the earlier cells.';
export const WEDGED_ERROR: SandboxErrorData = {
  name: 'BusyError',
  message: 'the worker did not begin the next job in time',
  code: 'crashed',
};
export const UNCAUGHT_TEXT =
  'RuntimeError: JavaScript code that this cell started raised an error after the cell ended; the Python worker was replaced and the earlier cells were run again';

/** What a cell running when the worker broke answers. */
export function crashText(error: SandboxErrorData): string {
  return `RuntimeError: the Python worker stopped unexpectedly (${error.message}); it was restarted and the earlier cells were run again`;
}

/** The line a cell stopped at its time limit ends with, as Python's own exception lines read. */
export function timeoutText(timeoutMs: number): string {
  return `TimeoutError: the cell ran longer than ${timeoutMs / 1000} s and was stopped`;
}

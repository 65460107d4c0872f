export type HistoryErrorCode = 'unavailable' | 'quota' | 'failed';

/** A storage failure in words a student can act on; the app keeps working without history. */
export class HistoryError extends Error {
  readonly code: HistoryErrorCode;

  constructor(code: HistoryErrorCode, message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'HistoryError';
    this.code = code;
  }
}

function errorName(error: unknown): string {
  return error instanceof Error || error instanceof DOMException ? error.name : '';
}

export function toHistoryError(error: unknown, doing: string): HistoryError {
  if (error instanceof HistoryError) return error;
  const detail = error instanceof Error ? ` (${error.message})` : '';
  if (errorName(error) === 'QuotaExceededError') {
    return new HistoryError(
      'quota',
      `History could not ${doing}: the browser's storage for this site is full. Delete old entries or free disk space; solving still works.`,
      { cause: error },
    );
  }
  return new HistoryError('failed', `History could not ${doing}${detail}.`, { cause: error });
}

export function unavailableError(cause?: unknown): HistoryError {
  const detail = cause instanceof Error && cause.message ? ` (${cause.message})` : '';
  return new HistoryError(
    'unavailable',
    `History is off: this browser does not let the page store data${detail}, as in some private windows. Solving still works, but nothing is saved.`,
    { cause },
  );
}

import type { SandboxErrorCode, SandboxErrorData } from './protocol';

/** A failure of the sandbox itself (not of the Python code it runs), with a stable code. */
export class SandboxError extends Error {
  readonly code: SandboxErrorCode;

  constructor(data: SandboxErrorData) {
    super(data.message);
    this.name = data.name === 'Error' ? 'SandboxError' : data.name;
    this.code = data.code;
  }
}

/** Turns anything thrown into error data that survives postMessage. */
export function toErrorData(error: unknown, code: SandboxErrorCode): SandboxErrorData {
  if (error instanceof Error) return { name: error.name, message: error.message, code };
  return { name: 'Error', message: String(error), code };
}

/** The rejection callers expect from an aborted call (they usually ignore it quietly). */
export function abortError(): DOMException {
  return new DOMException('The Python cell was aborted.', 'AbortError');
}

export function disposedError(): SandboxError {
  return new SandboxError({
    name: 'SandboxError',
    message: 'The Python sandbox was disposed.',
    code: 'disposed',
  });
}

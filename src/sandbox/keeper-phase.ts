// Where the worker keeper stands: loading, restoring, ready, failed or disposed, as one union.
import type { SandboxError } from './errors';

/** Where the sandbox stands: one union instead of a flag per state. */
export type Phase =
  | { kind: 'idle' }
  /** The current worker is loading Python; `restore`: then it catches up on the problem (a restart). */
  | { kind: 'loading'; restore: boolean }
  | { kind: 'restoring'; id: number; timer: ReturnType<typeof setTimeout> }
  | { kind: 'ready' }
  | { kind: 'failed'; error: SandboxError }
  | { kind: 'disposed' };

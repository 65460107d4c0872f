// The one protocol between the sandbox client and its worker (browser Worker or Node worker_threads).

/** Errors cross the worker boundary as data and are rebuilt as `SandboxError` on the client. */
export interface SandboxErrorData {
  name: string;
  message: string;
  code: SandboxErrorCode;
}

export type SandboxErrorCode =
  | 'load-failed' // Pyodide itself did not load (files missing, no WebAssembly)
  | 'packages-failed' // the Python packages archive is missing or damaged
  | 'kernel-failed' // the cell runner could not be set up
  | 'crashed' // the worker died or Pyodide hit a fatal error
  | 'disposed' // the sandbox was disposed while the call waited
  | 'internal'; // a bug: a message the worker did not expect

/** What kernel.py returns for one cell (its JSON, parsed). */
export interface KernelResult {
  /** Stream output, then the value's text/plain, then the traceback: what Jupyter shows. */
  text: string;
  /** Only the stream part, so a stopped cell can keep what it printed. */
  stream: string;
  error: boolean;
  /** The cell ended with KeyboardInterrupt (the client's interrupt or the code's own raise). */
  interrupted: boolean;
}

export interface StartTimings {
  pyodideMs: number;
  packagesMs: number;
  sympyMs: number;
}

/** A cell replayed after a restart, with the execution number it had ("Cell In[n]"). */
export interface NumberedCell {
  number: number;
  code: string;
}

export type ToWorker =
  | {
      kind: 'init';
      /** Where pyodide.asm.wasm, python_stdlib.zip and the packages archive are served (ends with '/'). */
      indexUrl: string;
      /** Int32 interrupt flag shared with the client, when SharedArrayBuffer is allowed. */
      interruptBuffer: SharedArrayBuffer | null;
    }
  | { kind: 'run'; id: number; code: string }
  | { kind: 'reset'; id: number }
  | { kind: 'restore'; id: number; cells: NumberedCell[]; executionCount: number };

export type FromWorker =
  | { kind: 'progress'; text: string }
  | { kind: 'ready'; timings: StartTimings }
  | { kind: 'result'; id: number; result: KernelResult }
  | { kind: 'done'; id: number }
  | { kind: 'failed'; id: number | null; error: SandboxErrorData };

/** The packages manifest written by scripts/prepare-python.ts next to the Pyodide files. */
export interface PackagesManifest {
  format: 1;
  pyodide: string;
  python: string;
  archive: { file: string; sha256: string; bytes: number };
  packages: Array<{
    name: string;
    version: string;
    source: 'pyodide-cdn' | 'debian';
    sha256?: string;
  }>;
  /** Every file the app serves for Python, for precaching and progress. */
  files: Array<{ file: string; sha256: string; bytes: number }>;
}

export const MANIFEST_FILE = 'python-packages.json';

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const isId = (value: unknown): value is number =>
  Number.isSafeInteger(value) && (value as number) > 0;
const ERROR_CODES: ReadonlySet<string> = new Set<SandboxErrorCode>([
  'load-failed',
  'packages-failed',
  'kernel-failed',
  'crashed',
  'disposed',
  'internal',
]);

/** Checks a message's shape before the client acts on it: nothing else from the worker is trusted. */
export function isFromWorker(value: unknown): value is FromWorker {
  if (!isRecord(value)) return false;
  switch (value.kind) {
    case 'progress':
      return typeof value.text === 'string';
    case 'ready': {
      const t = value.timings;
      return (
        isRecord(t) &&
        typeof t.pyodideMs === 'number' &&
        typeof t.packagesMs === 'number' &&
        typeof t.sympyMs === 'number'
      );
    }
    case 'result': {
      const r = value.result;
      return (
        isId(value.id) &&
        isRecord(r) &&
        typeof r.text === 'string' &&
        typeof r.stream === 'string' &&
        typeof r.error === 'boolean' &&
        typeof r.interrupted === 'boolean'
      );
    }
    case 'done':
      return isId(value.id);
    case 'failed': {
      const e = value.error;
      return (
        (value.id === null || isId(value.id)) &&
        isRecord(e) &&
        typeof e.name === 'string' &&
        typeof e.message === 'string' &&
        typeof e.code === 'string' &&
        ERROR_CODES.has(e.code)
      );
    }
    default:
      return false;
  }
}

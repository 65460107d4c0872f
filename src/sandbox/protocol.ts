// The one protocol between the sandbox client and its worker (browser Worker or Node worker_threads).

/** kernel.py and its modules: file name → source, handed to the worker core by each host. */
export type KernelSources = Record<string, string>;

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
  /** 'snapshot': Python's memory came back from a stored snapshot; 'full': it started from scratch. */
  start?: 'snapshot' | 'full';
}

/** What a worker hands over after a full start, before any cell: Pyodide's memory and site-packages' files. */
export interface SnapshotParts {
  /** Pyodide version, packages manifest and kernel sources, hashed: a snapshot only fits its own key. */
  key: string;
  /** `pyodide.makeMemorySnapshot()`: the WebAssembly heap, which holds no files. */
  heap: ArrayBuffer;
  /** site-packages as `captureFolder` (file-image.ts) wrote it. */
  files: ArrayBuffer;
}

/** The same parts as the client stores them; the worker reads the Blobs itself, while Pyodide starts. */
export interface StoredSnapshot {
  key: string;
  heap: Blob;
  files: Blob;
}

/** A cell restored after a restart, with the execution number it had ("Cell In[n]"). */
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
      /** The stored snapshot, when there is one; the worker uses it only if its key still fits. */
      snapshot?: StoredSnapshot | null;
      /** Send a new snapshot after a full start (its key is not `refusedKey`: one that failed to load). */
      makeSnapshot?: boolean;
      refusedKey?: string | null;
    }
  | { kind: 'run'; id: number; code: string }
  /** A fresh namespace in the same interpreter (batch runs that choose `problemReset: 'namespace'`). */
  | { kind: 'reset'; id: number }
  | { kind: 'restore'; id: number; cells: NumberedCell[]; executionCount: number };

export type FromWorker =
  | { kind: 'progress'; text: string }
  /**
   * `memoryBytes`: its WebAssembly memory and file image, what keeping it idle costs. `policy`: its script's
   * Content-Security-Policy refused string compilation before the worker's own lock did.
   */
  | {
      kind: 'ready';
      timings: StartTimings;
      memoryBytes?: number;
      policy?: boolean;
      /** Packages this copy of the app does not serve (numpy offline): importing one fails as in plain Python. */
      unserved?: string[];
    }
  /** Sent before 'ready', so before any cell: the client may keep it. */
  | { kind: 'snapshot'; snapshot: SnapshotParts }
  /** The snapshot sent with 'init' did not fit (stale key) or failed to load (`failed`). */
  | { kind: 'snapshot-rejected'; key: string; failed: boolean; reason: string }
  /** The cell's code begins to run: its time limit counts from here, not from a busy worker's queue. */
  | { kind: 'started'; id: number }
  | { kind: 'result'; id: number; result: KernelResult }
  | { kind: 'done'; id: number }
  /** JavaScript raised outside any message (a callback a cell scheduled); `id`: the last cell or restore begun. */
  | { kind: 'uncaught'; id: number | null }
  | { kind: 'failed'; id: number | null; error: SandboxErrorData };

/** The packages manifest written by scripts/build/prepare-python.ts next to the Pyodide files. */
export interface PackagesManifest {
  /** 2: the standard library zip holds compiled bytecode beside its sources. */
  format: 2;
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
  /** Wheels served beside the others but fetched only when a cell imports them (numpy); never precached. */
  onDemand?: Array<{ name: string; version: string; file: string; sha256: string; bytes: number }>;
  /** Packages prepare:python could not vendor, and why: a cell that imports one gets ModuleNotFoundError. */
  notVendored?: Array<{ name: string; reason: string }>;
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
        (value.memoryBytes === undefined || typeof value.memoryBytes === 'number') &&
        (value.policy === undefined || typeof value.policy === 'boolean') &&
        typeof t.pyodideMs === 'number' &&
        typeof t.packagesMs === 'number' &&
        typeof t.sympyMs === 'number' &&
        (t.start === undefined || t.start === 'snapshot' || t.start === 'full')
      );
    }
    case 'snapshot': {
      const snapshot = value.snapshot;
      return (
        isRecord(snapshot) &&
        typeof snapshot.key === 'string' &&
        snapshot.heap instanceof ArrayBuffer &&
        snapshot.files instanceof ArrayBuffer
      );
    }
    case 'snapshot-rejected':
      return (
        typeof value.key === 'string' &&
        typeof value.failed === 'boolean' &&
        typeof value.reason === 'string'
      );
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
    case 'uncaught':
      return value.id === null || isId(value.id);
    case 'started':
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

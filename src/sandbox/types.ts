// The sandbox's public types. CellOutput and RunOptions match the engine's CodeRunner without importing it.
import type { SandboxErrorData, ToWorker } from './protocol';
import type { SnapshotStore } from './snapshot-store';

/** Same shape as the engine's CellOutput (the sandbox does not import the engine). */
export interface CellOutput {
  text: string;
  /** What the cell printed (stdout and stderr) before any value or traceback, where the runner knows. */
  stream?: string;
  error: boolean;
  timedOut: boolean;
  durationMs: number;
}

export interface RunOptions {
  signal?: AbortSignal;
  timeoutMs?: number;
}

export type SandboxStatus =
  | { state: 'idle' }
  | { state: 'starting'; progress: string }
  /** `note`: why this device starts each problem's Python afresh, the slower way (no spare worker). */
  | { state: 'ready'; note?: string }
  | { state: 'busy' }
  | { state: 'restarting'; reason: string }
  | { state: 'failed'; message: string; code: string };

export interface WorkerEvents {
  /** Raw data from the worker; the client checks it against the protocol before use. */
  message(message: unknown): void;
  error(error: SandboxErrorData): void;
}

/** The little the client needs from a worker; a browser Worker or a Node worker_threads Worker. */
export interface WorkerPort {
  post(message: ToWorker, transfer?: Transferable[]): void;
  terminate(): void;
}

export type WorkerFactory = (events: WorkerEvents) => WorkerPort;

export interface PythonSandboxOptions {
  /** Where the app is served (import.meta.env.BASE_URL); Python's files are under `pyodide/` there. */
  baseUrl: string;
  /** MathCoder's reference kernel allowed 6 s per cell. */
  defaultTimeoutMs?: number;
  /** How long an interrupted cell may take to stop before the worker is replaced. */
  interruptGraceMs?: number;
  /**
   * How long a job sent to the worker may wait for it to begin: longer means the worker is held by work an earlier
   * cell left running (a callback, a task), so it is interrupted, then replaced. Default: `defaultTimeoutMs`.
   */
  startLimitMs?: number;
  /** Interrupt runaway cells through SharedArrayBuffer; default: when the page is cross-origin isolated. */
  allowInterrupt?: boolean;
  createWorker?: WorkerFactory;
  /**
   * Where the worker's memory snapshot is kept between starts (repeat visits, restarts start in well under a
   * second from it). Default: the Cache API where the page has one; null: always start in full.
   */
  snapshots?: SnapshotStore | null;
  /**
   * Keep a spare worker, restored in the background, so a new problem or a restart swaps to it at once
   * (default true). Without one each new problem waits for a fresh worker.
   */
  spare?: boolean;
  /**
   * What `reset()` gives the next problem: 'interpreter' (default), a pristine Python, as a new Jupyter kernel;
   * 'namespace', fresh variables in the same interpreter (what a cell did to modules, `sys`, files stays), for batch
   * runs over thousands of recorded problems where a new worker per problem would cost seconds each.
   */
  problemReset?: 'interpreter' | 'namespace';
  /** A spare that reports more memory than this is let go, and the sandbox says so in its status. */
  maxSpareBytes?: number;
}

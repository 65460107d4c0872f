// The main-thread client: one Python worker per problem, behind a small interface. Its parts: the worker slot
// (worker-slot.ts), the spare pool and its memory policy (spare-pool.ts), the cell queue with its deadlines and
// interrupts (cell-queue.ts), the restore log (restore-log.ts), and the keeper that ties them (worker-keeper.ts).
import type { Job } from './cell-job';
import { abortError } from './errors';
import type { StartTimings } from './protocol';
import type { SpareInfo } from './spare-pool';
import type { CellOutput, PythonSandboxOptions, RunOptions, SandboxStatus } from './types';
import { WorkerKeeper } from './worker-keeper';

export type * from './types';
export type { SnapshotLookup, SnapshotStore } from './snapshot-store';
export { DEFAULT_MAX_SPARE_BYTES, type SpareInfo } from './spare-pool';

export class PythonSandbox {
  readonly #keeper: WorkerKeeper;

  constructor(options: PythonSandboxOptions) {
    this.#keeper = new WorkerKeeper(options);
  }

  get status(): SandboxStatus {
    return this.#keeper.feed.status;
  }

  /** How long the last worker took to load Pyodide, the packages and SymPy. */
  get timings(): StartTimings | null {
    return this.#keeper.timings;
  }

  /**
   * Whether the current worker's script came with its Content-Security-Policy (null: unknown, as in Node). Either way
   * the worker refuses string compilation itself, and runs no cell when it cannot.
   */
  get workerPolicy(): boolean | null {
    return this.#keeper.current?.policy ?? null;
  }

  get spare(): SpareInfo {
    return this.#keeper.spare;
  }

  /** Starts the worker (call at page load). Calling it again after a failure retries. */
  start(): void {
    this.#keeper.start();
  }

  /** Resolves once Python and SymPy are loaded; rejects if the sandbox cannot start. */
  whenReady(): Promise<void> {
    return this.#keeper.whenReady();
  }

  /** Calls the listener now and on every change; returns the unsubscribe function. */
  onStatus(listener: (status: SandboxStatus) => void): () => void {
    return this.#keeper.feed.onStatus(listener);
  }

  /**
   * Calls the listener now and whenever it changes: whether a worker (the current one or the spare) is still loading
   * Python, so the page is downloading files of its own. Returns the unsubscribe function.
   */
  onLoading(listener: (loading: boolean) => void): () => void {
    return this.#keeper.feed.onLoading(listener);
  }

  /** Runs one cell in the current namespace. Resolves for Python errors; rejects on abort or sandbox failure. */
  run(code: string, options: RunOptions = {}): Promise<CellOutput> {
    const { signal } = options;
    if (signal?.aborted) return Promise.reject(abortError());
    return this.#keeper.enqueue<CellOutput>((resolve, reject) => {
      const onAbort = () => this.#keeper.abort(job);
      const job: Job = {
        kind: 'run',
        code,
        timeoutMs: options.timeoutMs ?? this.#keeper.defaultTimeoutMs,
        resolve,
        reject,
        detach: () => signal?.removeEventListener('abort', onAbort),
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      return job;
    });
  }

  /**
   * A pristine interpreter for the next problem (after the cells already queued): the spare worker, restored from
   * the memory snapshot in the background, takes over; nothing an earlier cell did to Python is left.
   */
  reset(): Promise<void> {
    return this.#keeper.enqueue<void>((resolve, reject) => ({ kind: 'reset', resolve, reject }));
  }

  dispose(): void {
    this.#keeper.dispose();
  }
}

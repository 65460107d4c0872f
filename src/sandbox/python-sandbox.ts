// The main-thread client: one Python worker, cells queued one at a time, timeouts, restarts with replay.
import { SandboxError, abortError } from './errors';
import { createModuleWorker, indexUrlFor } from './module-worker';
import {
  isFromWorker,
  type FromWorker,
  type KernelResult,
  type NumberedCell,
  type SandboxErrorData,
  type StartTimings,
} from './protocol';
import { cacheSnapshotStore, type SnapshotLookup, type SnapshotStore } from './snapshot-store';
import type {
  CellOutput,
  PythonSandboxOptions,
  RunOptions,
  SandboxStatus,
  WorkerFactory,
  WorkerPort,
} from './types';

export type * from './types';
export type { SnapshotLookup, SnapshotStore } from './snapshot-store';

type Job =
  | {
      kind: 'run';
      code: string;
      timeoutMs: number;
      signal: AbortSignal | undefined;
      resolve(output: CellOutput): void;
      reject(error: unknown): void;
      detach(): void;
    }
  | { kind: 'reset'; resolve(): void; reject(error: unknown): void };

interface Active {
  id: number;
  job: Job;
  number: number;
  startedAt: number;
  timers: ReturnType<typeof setTimeout>[];
  /** Why the client is stopping the cell (an aborted caller was already answered). */
  stopping: 'timeout' | 'abort' | null;
}

export function timeoutText(timeoutMs: number): string {
  return `TimeoutError: the cell ran longer than ${timeoutMs / 1000} s and was stopped`;
}

export class PythonSandbox {
  readonly #indexUrl: string;
  readonly #defaultTimeoutMs: number;
  readonly #graceMs: number;
  readonly #allowInterrupt: boolean;
  readonly #createWorker: WorkerFactory;
  readonly #snapshots: SnapshotStore | null;
  /** Store operations, one at a time: a discard must not overtake the save that follows it. */
  #storing: Promise<unknown> = Promise.resolve();
  readonly #listeners = new Set<(status: SandboxStatus) => void>();
  #status: SandboxStatus = { state: 'idle' };
  #port: WorkerPort | null = null;
  #generation = 0;
  #interrupt: Int32Array | null = null;
  #ready = false;
  /** The current worker has said 'ready': from then on it may be running cells (a replay, before #ready). */
  #workerStarted = false;
  #readyOnce: { promise: Promise<void>; resolve(): void; reject(error: unknown): void } | null =
    null;
  #failure: SandboxError | null = null;
  #queue: Job[] = [];
  #active: Active | null = null;
  #restoring: { id: number; timer: ReturnType<typeof setTimeout> } | null = null;
  #history: NumberedCell[] = [];
  #executionCount = 0;
  #nextId = 1;
  #disposed = false;
  #timings: StartTimings | null = null;

  constructor(options: PythonSandboxOptions) {
    this.#indexUrl = indexUrlFor(options.baseUrl);
    this.#defaultTimeoutMs = options.defaultTimeoutMs ?? 6000;
    this.#graceMs = options.interruptGraceMs ?? 1000;
    this.#allowInterrupt =
      options.allowInterrupt ??
      (globalThis as { crossOriginIsolated?: boolean }).crossOriginIsolated === true;
    this.#createWorker = options.createWorker ?? createModuleWorker;
    this.#snapshots =
      options.snapshots === undefined ? cacheSnapshotStore(this.#indexUrl) : options.snapshots;
  }

  get status(): SandboxStatus {
    return this.#status;
  }

  /** How long the last worker took to load Pyodide, the packages and SymPy. */
  get timings(): StartTimings | null {
    return this.#timings;
  }

  /** Starts the worker (call at page load). Calling it again after a failure retries. */
  start(): void {
    if (this.#disposed || (this.#port && !this.#failure)) return;
    this.#failure = null;
    this.#readyOnce ??= deferred();
    this.#spawn({ state: 'starting', progress: 'Starting Python…' }, false);
  }

  /** Resolves once Python and SymPy are loaded; rejects if the sandbox cannot start. */
  whenReady(): Promise<void> {
    this.start();
    if (this.#failure) return Promise.reject(this.#failure);
    if (this.#ready && !this.#readyOnce) return Promise.resolve();
    return (this.#readyOnce ??= deferred()).promise;
  }

  /** Calls the listener now and on every change; returns the unsubscribe function. */
  onStatus(listener: (status: SandboxStatus) => void): () => void {
    this.#listeners.add(listener);
    listener(this.#status);
    return () => this.#listeners.delete(listener);
  }

  /** Runs one cell in the current namespace. Resolves for Python errors; rejects on abort or sandbox failure. */
  run(code: string, options: RunOptions = {}): Promise<CellOutput> {
    const { signal } = options;
    if (signal?.aborted) return Promise.reject(abortError());
    if (this.#disposed) return Promise.reject(disposedError());
    this.start();
    if (this.#failure) return Promise.reject(this.#failure);
    return new Promise<CellOutput>((resolve, reject) => {
      const onAbort = () => this.#abort(job);
      const job: Job = {
        kind: 'run',
        code,
        timeoutMs: options.timeoutMs ?? this.#defaultTimeoutMs,
        signal,
        resolve,
        reject,
        detach: () => signal?.removeEventListener('abort', onAbort),
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.#queue.push(job);
      this.#pump();
    });
  }

  /** A fresh namespace for the next problem (after the cells already queued). */
  reset(): Promise<void> {
    if (this.#disposed) return Promise.reject(disposedError());
    this.start();
    if (this.#failure) return Promise.reject(this.#failure);
    return new Promise<void>((resolve, reject) => {
      this.#queue.push({ kind: 'reset', resolve, reject });
      this.#pump();
    });
  }

  dispose(): void {
    if (this.#disposed) return;
    this.#disposed = true;
    this.#kill();
    const error = disposedError();
    if (this.#active) this.#settle(this.#active, (job) => job.reject(error));
    for (const job of this.#queue.splice(0)) job.reject(error);
    this.#readyOnce?.reject(error);
    this.#listeners.clear();
  }

  #spawn(status: SandboxStatus, replay: boolean): void {
    this.#kill();
    this.#ready = false;
    this.#workerStarted = false;
    this.#setStatus(status);
    const generation = ++this.#generation;
    const current = () => generation === this.#generation && !this.#disposed;
    const buffer =
      this.#allowInterrupt && typeof SharedArrayBuffer === 'function'
        ? new SharedArrayBuffer(4)
        : null;
    this.#interrupt = buffer ? new Int32Array(buffer) : null;
    const port = this.#createWorker({
      message: (message: unknown) => {
        if (!current()) return;
        // A worker that sends what the protocol does not allow is not trusted with the namespace any more.
        if (!isFromWorker(message)) {
          return this.#onCrash({
            name: 'ProtocolError',
            message: 'the worker sent a message outside the protocol',
            code: 'crashed',
          });
        }
        this.#onMessage(message, replay);
      },
      error: (error) => {
        if (current()) this.#onCrash(error);
      },
    });
    this.#port = port;
    const store = this.#snapshots;
    if (!store) {
      port.post({ kind: 'init', indexUrl: this.#indexUrl, interruptBuffer: buffer });
      return;
    }
    // The worker script loads while the snapshot is read; Pyodide waits for neither.
    void this.#store(() => store.load()).then((found) => {
      if (!current()) return;
      const { snapshot, refusedKey }: SnapshotLookup = found ?? {
        snapshot: null,
        refusedKey: null,
      };
      port.post({
        kind: 'init',
        indexUrl: this.#indexUrl,
        interruptBuffer: buffer,
        snapshot,
        makeSnapshot: true,
        refusedKey,
      });
    });
  }

  #store<T>(operation: () => Promise<T>): Promise<T | undefined> {
    const next = this.#storing.then(operation).catch(() => undefined);
    this.#storing = next;
    return next;
  }

  #kill(): void {
    this.#generation++;
    this.#port?.terminate();
    this.#port = null;
    this.#ready = false;
    if (this.#restoring) clearTimeout(this.#restoring.timer);
    this.#restoring = null;
  }

  #onMessage(message: FromWorker, replay: boolean): void {
    switch (message.kind) {
      case 'progress':
        if (this.#status.state === 'starting')
          this.#setStatus({ state: 'starting', progress: message.text });
        return;
      case 'snapshot': {
        // Only a worker that cannot have run a cell yet (no 'ready', so no replay either) may hand over its memory.
        const store = this.#snapshots;
        if (this.#workerStarted || !store) return;
        const { snapshot } = message;
        void this.#store(() => store.save(snapshot));
        return;
      }
      case 'snapshot-rejected': {
        // Also before 'ready' only: a cell must not be able to switch snapshots off for later visits.
        const store = this.#snapshots;
        if (this.#workerStarted || !store) return;
        void this.#store(() => store.discard(message.key, message.failed));
        if (message.failed) console.warn('[sandbox] memory snapshot not usable:', message.reason);
        return;
      }
      case 'ready':
        this.#workerStarted = true;
        this.#timings = message.timings;
        if (replay && this.#executionCount > 0) return this.#restore();
        return this.#becomeReady();
      case 'started':
        return this.#onStarted(message.id);
      case 'result':
        return this.#onResult(message.id, message.result);
      case 'done':
        if (this.#restoring?.id === message.id) {
          clearTimeout(this.#restoring.timer);
          this.#restoring = null;
          return this.#becomeReady();
        }
        return this.#onDone(message.id);
      case 'failed':
        if (message.id === null || message.error.code !== 'crashed') {
          if (!this.#ready) return this.#fail(message.error);
        }
        return this.#onCrash(message.error);
    }
  }

  #restore(): void {
    const id = this.#nextId++;
    // Earlier cells each got the full limit once; a replay that hangs is abandoned.
    const limit = (this.#history.length + 1) * this.#defaultTimeoutMs;
    const timer = setTimeout(() => {
      this.#history = [];
      this.#spawn({ state: 'restarting', reason: 'Replaying earlier cells took too long.' }, true);
    }, limit);
    this.#restoring = { id, timer };
    this.#port?.post({
      kind: 'restore',
      id,
      cells: this.#history,
      executionCount: this.#executionCount,
    });
  }

  #becomeReady(): void {
    this.#ready = true;
    this.#setStatus({ state: 'ready' });
    this.#readyOnce?.resolve();
    this.#readyOnce = null;
    this.#pump();
  }

  #pump(): void {
    if (!this.#ready || this.#active || this.#disposed || !this.#port) return;
    const job = this.#queue.shift();
    if (!job) {
      if (this.#status.state === 'busy') this.#setStatus({ state: 'ready' });
      return;
    }
    const id = this.#nextId++;
    const active: Active = {
      id,
      job,
      number: 0,
      startedAt: performance.now(),
      timers: [],
      stopping: null,
    };
    this.#active = active;
    this.#setStatus({ state: 'busy' });
    if (job.kind === 'reset') {
      this.#port.post({ kind: 'reset', id });
      return;
    }
    active.number = ++this.#executionCount;
    // Cleared here, while the worker is idle, so a late interrupt cannot hit this cell and none can be lost.
    if (this.#interrupt) Atomics.store(this.#interrupt, 0, 0);
    // The time limit starts with the worker's 'started'.
    this.#port.post({ kind: 'run', id, code: job.code });
  }

  #onStarted(id: number): void {
    const active = this.#active;
    if (!active || active.id !== id || active.job.kind !== 'run' || active.stopping) return;
    active.startedAt = performance.now();
    // Timers overflow past 2^31 - 1 ms and would fire at once.
    const limit = Math.min(active.job.timeoutMs, 2 ** 31 - 1);
    active.timers.push(setTimeout(() => this.#stop(active, 'timeout'), limit));
  }

  #onResult(id: number, result: KernelResult): void {
    const active = this.#active;
    if (!active || active.id !== id || active.job.kind !== 'run') return;
    const { job } = active;
    if (!result.error) this.#history.push({ number: active.number, code: job.code });
    const durationMs = performance.now() - active.startedAt;
    if (active.stopping === 'timeout' && result.interrupted) {
      const text = result.stream + timeoutText(job.timeoutMs);
      job.resolve({ text, error: true, timedOut: true, durationMs });
    } else if (active.stopping !== 'abort') {
      job.resolve({ text: result.text, error: result.error, timedOut: false, durationMs });
    }
    this.#finish(active);
  }

  #onDone(id: number): void {
    const active = this.#active;
    if (!active || active.id !== id || active.job.kind !== 'reset') return;
    this.#history = [];
    this.#executionCount = 0;
    active.job.resolve();
    this.#finish(active);
  }

  /** Stops the running cell: interrupt first when possible, else (or after the grace) a new worker. */
  #stop(active: Active, why: 'timeout' | 'abort'): void {
    if (active !== this.#active || active.stopping) return;
    active.stopping = why;
    if (why === 'abort' && active.job.kind === 'run') active.job.reject(abortError());
    if (this.#interrupt) {
      Atomics.store(this.#interrupt, 0, 2);
      active.timers.push(setTimeout(() => this.#replaceWorker(active), this.#graceMs));
    } else {
      this.#replaceWorker(active);
    }
  }

  #replaceWorker(active: Active): void {
    if (active !== this.#active) return;
    const { job } = active;
    if (active.stopping === 'timeout' && job.kind === 'run') {
      const durationMs = performance.now() - active.startedAt;
      job.resolve({ text: timeoutText(job.timeoutMs), error: true, timedOut: true, durationMs });
    }
    this.#finish(active, false);
    this.#spawn(
      { state: 'restarting', reason: 'A cell did not stop; restoring the earlier cells.' },
      true,
    );
  }

  #abort(job: Job): void {
    const queued = this.#queue.indexOf(job);
    if (queued >= 0) {
      this.#queue.splice(queued, 1);
      job.reject(abortError());
    } else if (this.#active?.job === job) {
      this.#stop(this.#active, 'abort');
    }
  }

  #onCrash(error: SandboxErrorData): void {
    const active = this.#active;
    if (!active && !this.#ready && !this.#restoring) return this.#fail(error);
    if (this.#restoring || active?.job.kind === 'reset') {
      // A crash while replaying, or while resetting: carry on with a fresh namespace.
      this.#history = [];
      this.#executionCount = 0;
    }
    if (active) {
      this.#settle(active, (job) => {
        if (job.kind === 'reset') return job.resolve();
        const durationMs = performance.now() - active.startedAt;
        if (active.stopping === 'timeout') {
          return job.resolve({
            text: timeoutText(job.timeoutMs),
            error: true,
            timedOut: true,
            durationMs,
          });
        }
        const text = `RuntimeError: the Python worker stopped unexpectedly (${error.message}); it was restarted and the earlier cells were run again`;
        job.resolve({ text, error: true, timedOut: false, durationMs });
      });
    }
    this.#spawn(
      { state: 'restarting', reason: `The Python worker stopped: ${error.message}` },
      true,
    );
  }

  #fail(error: SandboxErrorData): void {
    const failure = new SandboxError(error);
    this.#kill();
    this.#failure = failure;
    if (this.#active) this.#settle(this.#active, (job) => job.reject(failure));
    for (const job of this.#queue.splice(0)) job.reject(failure);
    this.#readyOnce?.reject(failure);
    this.#readyOnce = null;
    this.#setStatus({ state: 'failed', message: error.message, code: error.code });
  }

  /** Answers the active job unless it was aborted (then its caller already has the AbortError), and clears it. */
  #settle(active: Active, answer: (job: Job) => void): void {
    if (active.stopping !== 'abort') answer(active.job);
    this.#finish(active, false);
  }

  #finish(active: Active, pump = true): void {
    for (const timer of active.timers) clearTimeout(timer);
    if (active.job.kind === 'run') active.job.detach();
    if (this.#active === active) this.#active = null;
    if (pump) this.#pump();
  }

  #setStatus(status: SandboxStatus): void {
    this.#status = status;
    for (const listener of this.#listeners) listener(status);
  }
}

function deferred() {
  let resolve!: () => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<void>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  promise.catch(() => {}); // nobody may be waiting; the failure is also reported through onStatus
  return { promise, resolve, reject };
}

function disposedError(): SandboxError {
  return new SandboxError({
    name: 'SandboxError',
    message: 'The Python sandbox was disposed.',
    code: 'disposed',
  });
}

// The main-thread client: one Python worker per problem (a spare warms up for the next), cells queued one at a
// time, timeouts, restarts with replay.
import { SandboxError, abortError } from './errors';
import { createModuleWorker, indexUrlFor } from './module-worker';
import { retryUnstartedWorkers } from './retry-unstarted-worker';
import {
  isFromWorker,
  type FromWorker,
  type KernelResult,
  type NumberedCell,
  type SandboxErrorData,
  type StartTimings,
} from './protocol';
import { cacheSnapshotStore, type SnapshotLookup, type SnapshotStore } from './snapshot-store';
import { timeoutText } from './timeout-text';
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
  /** The worker said it began the cell (so a crash now is this cell's). */
  started: boolean;
  timers: ReturnType<typeof setTimeout>[];
  /**
   * Why the client is stopping the job (an aborted caller was already answered); 'wedged': the worker did not begin
   * it in time, held by something an earlier cell left running.
   */
  stopping: 'timeout' | 'abort' | 'wedged' | null;
}

/** A cell that ran without error, replayed after a restart; `id` is the message id it ran with. */
interface HistoryCell extends NumberedCell {
  id: number;
}

/** One worker: the one that runs cells, the spare warming up for the next problem, or one let go. */
interface Slot {
  port: WorkerPort;
  interrupt: Int32Array | null;
  role: 'current' | 'spare' | 'gone';
  /** It has said 'ready': from then on it may be running cells, so it may no longer hand over a snapshot. */
  started: boolean;
  /** A cell or a replay was sent to it: it is no longer the pristine interpreter a problem starts from. */
  used: boolean;
  timings: StartTimings | null;
  memoryBytes: number | null;
  policy: boolean | null;
}

/** What the sandbox knows about its spare worker (for the status line and the benchmark). */
export interface SpareInfo {
  ready: boolean;
  /** The spare's WebAssembly memory and file image, as it reported them. */
  memoryBytes: number | null;
  /** Why there is no spare, in words, when there cannot be one. */
  off: string | null;
}

const CRASH_REASON = 'The Python worker stopped unexpectedly; restoring the earlier cells.';
const WEDGED_REASON =
  'Python was still busy with work an earlier cell left running; restoring the earlier cells.';
const WEDGED_ERROR: SandboxErrorData = {
  name: 'BusyError',
  message: 'the worker did not begin the next job in time',
  code: 'crashed',
};
const UNCAUGHT_TEXT =
  'RuntimeError: JavaScript code that this cell started raised an error after the cell ended; the Python worker was replaced and the earlier cells were run again';
/** Roughly what a restored worker holds (54 MB heap, 40 MB files) with room for growth; more is not kept idle. */
export const DEFAULT_MAX_SPARE_BYTES = 384 * 2 ** 20;
/** Below this much device memory (navigator.deviceMemory, in GB) no second Python is kept. */
const MIN_DEVICE_MEMORY_GB = 2;
const LOW_MEMORY_NOTE =
  'This device is short of memory, so no second Python is kept ready: each new problem waits for a fresh one.';
const SPARE_FAILED_NOTE =
  'A second Python could not be kept ready, so each new problem waits for a fresh one.';

export class PythonSandbox {
  readonly #indexUrl: string;
  readonly #defaultTimeoutMs: number;
  readonly #graceMs: number;
  readonly #startLimitMs: number;
  readonly #allowInterrupt: boolean;
  readonly #createWorker: WorkerFactory;
  readonly #snapshots: SnapshotStore | null;
  readonly #spareWanted: boolean;
  readonly #maxSpareBytes: number;
  readonly #pristine: boolean;
  /** Store operations, one at a time: a discard must not overtake the save that follows it. */
  #storing: Promise<unknown> = Promise.resolve();
  readonly #listeners = new Set<(status: SandboxStatus) => void>();
  readonly #loadingListeners = new Set<(loading: boolean) => void>();
  #loadingNow = false;
  #status: SandboxStatus = { state: 'idle' };
  #current: Slot | null = null;
  #spare: Slot | null = null;
  /** Why no spare is kept (shown with the ready status), or null. */
  #spareOff: string | null = null;
  /** The current worker, once ready, gets the problem's earlier cells replayed (a restart, not a new problem). */
  #replayOnReady = false;
  #ready = false;
  #readyOnce: { promise: Promise<void>; resolve(): void; reject(error: unknown): void } | null =
    null;
  #failure: SandboxError | null = null;
  #queue: Job[] = [];
  #active: Active | null = null;
  #restoring: { id: number; timer: ReturnType<typeof setTimeout> } | null = null;
  #history: HistoryCell[] = [];
  #executionCount = 0;
  #nextId = 1;
  #disposed = false;
  #timings: StartTimings | null = null;

  constructor(options: PythonSandboxOptions) {
    this.#indexUrl = indexUrlFor(options.baseUrl);
    this.#defaultTimeoutMs = options.defaultTimeoutMs ?? 6000;
    this.#graceMs = options.interruptGraceMs ?? 1000;
    this.#startLimitMs = options.startLimitMs ?? this.#defaultTimeoutMs;
    this.#allowInterrupt =
      options.allowInterrupt ??
      (globalThis as { crossOriginIsolated?: boolean }).crossOriginIsolated === true;
    this.#createWorker = retryUnstartedWorkers(options.createWorker ?? createModuleWorker);
    this.#snapshots =
      options.snapshots === undefined ? cacheSnapshotStore(this.#indexUrl) : options.snapshots;
    this.#spareWanted = options.spare ?? true;
    this.#maxSpareBytes = options.maxSpareBytes ?? DEFAULT_MAX_SPARE_BYTES;
    this.#pristine = options.problemReset !== 'namespace';
    const deviceMemory = (globalThis as { navigator?: { deviceMemory?: number } }).navigator
      ?.deviceMemory;
    if (
      this.#spareWanted &&
      typeof deviceMemory === 'number' &&
      deviceMemory < MIN_DEVICE_MEMORY_GB
    )
      this.#spareOff = LOW_MEMORY_NOTE;
  }

  get status(): SandboxStatus {
    return this.#status;
  }

  /** How long the last worker took to load Pyodide, the packages and SymPy. */
  get timings(): StartTimings | null {
    return this.#timings;
  }

  /**
   * Whether the current worker's script came with its Content-Security-Policy (null: unknown, as in Node). Either way
   * the worker refuses string compilation itself, and runs no cell when it cannot.
   */
  get workerPolicy(): boolean | null {
    return this.#current?.policy ?? null;
  }

  get spare(): SpareInfo {
    return {
      ready: this.#spare?.started ?? false,
      memoryBytes: this.#spare?.memoryBytes ?? null,
      off: this.#spareOff,
    };
  }

  /** Starts the worker (call at page load). Calling it again after a failure retries. */
  start(): void {
    if (this.#disposed || (this.#current && !this.#failure)) return;
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

  /**
   * Calls the listener now and whenever it changes: whether a worker (the current one or the spare) is still loading
   * Python, so the page is downloading files of its own. Returns the unsubscribe function.
   */
  onLoading(listener: (loading: boolean) => void): () => void {
    this.#loadingListeners.add(listener);
    listener(this.#loadingNow);
    return () => this.#loadingListeners.delete(listener);
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

  /**
   * A pristine interpreter for the next problem (after the cells already queued): the spare worker, restored from
   * the memory snapshot in the background, takes over; nothing an earlier cell did to Python is left.
   */
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
    this.#dropSpare(null);
    const error = disposedError();
    if (this.#active) this.#settle(this.#active, (job) => job.reject(error));
    for (const job of this.#queue.splice(0)) job.reject(error);
    this.#readyOnce?.reject(error);
    this.#listeners.clear();
    this.#updateLoading();
    this.#loadingListeners.clear();
  }

  /** Makes a worker current: the spare when there is one (ready or still starting), else a new one. */
  #spawn(status: SandboxStatus, replay: boolean): void {
    this.#kill();
    this.#replayOnReady = replay;
    const slot = this.#spare ?? this.#launch('spare');
    this.#spare = null;
    slot.role = 'current';
    this.#current = slot;
    this.#setStatus(status);
    if (slot.started) this.#onCurrentReady(slot);
  }

  #launch(role: Slot['role']): Slot {
    const buffer =
      this.#allowInterrupt && typeof SharedArrayBuffer === 'function'
        ? new SharedArrayBuffer(4)
        : null;
    const slot: Slot = {
      port: null as unknown as WorkerPort,
      interrupt: buffer ? new Int32Array(buffer) : null,
      role,
      started: false,
      used: false,
      timings: null,
      memoryBytes: null,
      policy: null,
    };
    const live = () => slot.role !== 'gone' && !this.#disposed;
    slot.port = this.#createWorker({
      message: (message: unknown) => {
        if (!live()) return;
        // A worker that sends what the protocol does not allow is not trusted with the namespace any more.
        if (!isFromWorker(message)) {
          return this.#onFault(slot, {
            name: 'ProtocolError',
            message: 'the worker sent a message outside the protocol',
            code: 'crashed',
          });
        }
        this.#onMessage(slot, message);
      },
      error: (error) => {
        if (live()) this.#onFault(slot, error);
      },
    });
    const store = this.#snapshots;
    if (!store) {
      slot.port.post({ kind: 'init', indexUrl: this.#indexUrl, interruptBuffer: buffer });
      return slot;
    }
    // The worker script loads while the snapshot is read; Pyodide waits for neither.
    void this.#store(() => store.load()).then((found) => {
      if (!live()) return;
      const { snapshot, refusedKey }: SnapshotLookup = found ?? {
        snapshot: null,
        refusedKey: null,
      };
      slot.port.post({
        kind: 'init',
        indexUrl: this.#indexUrl,
        interruptBuffer: buffer,
        snapshot,
        makeSnapshot: true,
        refusedKey,
      });
    });
    return slot;
  }

  /** Starts the spare for the next problem or restart, unless there is one or this device cannot afford it. */
  #warmSpare(): void {
    if (!this.#spareWanted || this.#spareOff || this.#spare || this.#disposed) return;
    this.#spare = this.#launch('spare');
    this.#updateLoading();
  }

  #dropSpare(note: string | null): void {
    const spare = this.#spare;
    this.#spare = null;
    if (spare) {
      spare.role = 'gone';
      spare.port.terminate();
    }
    this.#updateLoading();
    if (!note) return;
    this.#spareOff = note;
    if (this.#status.state === 'ready') this.#setStatus(this.#readyStatus());
  }

  #store<T>(operation: () => Promise<T>): Promise<T | undefined> {
    const next = this.#storing.then(operation).catch(() => undefined);
    this.#storing = next;
    return next;
  }

  #kill(): void {
    const current = this.#current;
    this.#current = null;
    if (current) {
      current.role = 'gone';
      current.port.terminate();
    }
    this.#ready = false;
    if (this.#restoring) clearTimeout(this.#restoring.timer);
    this.#restoring = null;
  }

  /** An error event or a broken message: the spare is let go; the current worker counts as crashed. */
  #onFault(slot: Slot, error: SandboxErrorData): void {
    if (slot.role === 'spare') return this.#dropSpare(SPARE_FAILED_NOTE);
    this.#onCrash(error);
  }

  #onMessage(slot: Slot, message: FromWorker): void {
    switch (message.kind) {
      case 'progress':
        if (slot.role === 'current' && this.#status.state === 'starting')
          this.#setStatus({ state: 'starting', progress: message.text });
        return;
      case 'snapshot': {
        // Only a worker that cannot have run a cell yet (no 'ready', so no replay either) may hand over its memory.
        const store = this.#snapshots;
        if (slot.started || !store) return;
        const { snapshot } = message;
        void this.#store(() => store.save(snapshot));
        return;
      }
      case 'snapshot-rejected': {
        // Also before 'ready' only: a cell must not be able to switch snapshots off for later visits.
        const store = this.#snapshots;
        if (slot.started || !store) return;
        void this.#store(() => store.discard(message.key, message.failed));
        if (message.failed) console.warn('[sandbox] memory snapshot not usable:', message.reason);
        return;
      }
      case 'ready':
        slot.started = true;
        slot.timings = message.timings;
        slot.memoryBytes = message.memoryBytes ?? null;
        slot.policy = message.policy ?? null;
        if (slot.role === 'current') this.#onCurrentReady(slot);
        else if (slot.memoryBytes !== null && slot.memoryBytes > this.#maxSpareBytes)
          this.#dropSpare(LOW_MEMORY_NOTE);
        return this.#updateLoading();
    }
    if (slot.role === 'spare') {
      // A spare runs nothing: anything else from it means it is broken.
      if (message.kind === 'failed' || message.kind === 'uncaught')
        this.#dropSpare(SPARE_FAILED_NOTE);
      return;
    }
    switch (message.kind) {
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
        return this.#onNamespaceReset(message.id);
      case 'uncaught':
        return this.#onCrash(
          { name: 'UncaughtError', message: 'an uncaught error', code: 'crashed' },
          message.id,
          UNCAUGHT_TEXT,
        );
      case 'failed':
        if (message.id === null || message.error.code !== 'crashed') {
          if (!this.#ready) return this.#fail(message.error);
        }
        return this.#onCrash(message.error, message.id);
    }
  }

  #onCurrentReady(slot: Slot): void {
    this.#timings = slot.timings;
    this.#warmSpare();
    if (this.#replayOnReady && this.#executionCount > 0) return this.#restore();
    this.#becomeReady();
  }

  #restore(): void {
    const current = this.#current;
    if (!current) return;
    const id = this.#nextId++;
    // Earlier cells each got the full limit once; a replay that hangs is abandoned.
    const limit = (this.#history.length + 1) * this.#defaultTimeoutMs;
    const timer = setTimeout(() => {
      this.#history = [];
      this.#spawn({ state: 'restarting', reason: 'Replaying earlier cells took too long.' }, true);
    }, limit);
    this.#restoring = { id, timer };
    current.used = true;
    current.port.post({
      kind: 'restore',
      id,
      cells: this.#history.map(({ number, code }) => ({ number, code })),
      executionCount: this.#executionCount,
    });
  }

  #becomeReady(): void {
    this.#ready = true;
    // A new problem's fresh interpreter is what its reset waited for.
    const active = this.#active;
    if (active?.job.kind === 'reset') {
      active.job.resolve();
      this.#finish(active, false);
    }
    this.#setStatus(this.#readyStatus());
    this.#readyOnce?.resolve();
    this.#readyOnce = null;
    this.#pump();
  }

  #readyStatus(): SandboxStatus {
    return this.#spareOff ? { state: 'ready', note: this.#spareOff } : { state: 'ready' };
  }

  #pump(): void {
    const current = this.#current;
    if (!this.#ready || this.#active || this.#disposed || !current) return;
    const job = this.#queue.shift();
    if (!job) {
      if (this.#status.state === 'busy') this.#setStatus(this.#readyStatus());
      return;
    }
    const id = this.#nextId++;
    const active: Active = {
      id,
      job,
      number: 0,
      startedAt: performance.now(),
      started: false,
      timers: [],
      stopping: null,
    };
    this.#active = active;
    this.#setStatus({ state: 'busy' });
    if (job.kind === 'reset') {
      if (!this.#pristine) {
        current.port.post({ kind: 'reset', id });
        this.#expectStart(active);
        return;
      }
      this.#history = [];
      this.#executionCount = 0;
      // A worker that has run nothing is already pristine.
      if (!current.used) {
        job.resolve();
        return this.#finish(active);
      }
      const waiting = !this.#spare?.started;
      this.#spawn(
        waiting ? { state: 'starting', progress: 'Starting a fresh Python…' } : { state: 'busy' },
        false,
      );
      return;
    }
    active.number = ++this.#executionCount;
    current.used = true;
    // Cleared here, while the worker is idle, so a late interrupt cannot hit this cell and none can be lost.
    if (current.interrupt) Atomics.store(current.interrupt, 0, 0);
    // The time limit starts with the worker's 'started'; until then the worker has its own deadline to begin.
    current.port.post({ kind: 'run', id, code: job.code });
    this.#expectStart(active);
  }

  /** An idle worker begins a job at once; one that does not in time is held by work an earlier cell left running. */
  #expectStart(active: Active): void {
    active.timers.push(setTimeout(() => this.#onWedged(active), this.#startLimitMs));
  }

  #onWedged(active: Active): void {
    if (active !== this.#active || active.started || active.stopping) return;
    active.stopping = 'wedged';
    const interrupt = this.#current?.interrupt;
    if (!interrupt) return this.#replaceWedged(active);
    // The interrupt may free the worker (the job then runs there); if not, the grace ends with a fresh worker.
    Atomics.store(interrupt, 0, 2);
    active.timers.push(setTimeout(() => this.#replaceWedged(active), this.#graceMs));
  }

  /** The job never ran: it waits for a fresh worker, without the last cell (the likeliest to have left the work). */
  #replaceWedged(active: Active): void {
    if (active !== this.#active || active.started) return;
    this.#onCrash(WEDGED_ERROR, null, undefined, WEDGED_REASON);
  }

  #onStarted(id: number): void {
    const active = this.#active;
    if (!active || active.id !== id || active.job.kind !== 'run') return;
    if (active.stopping && active.stopping !== 'wedged') return;
    // Begun, if late (an interrupt freed the worker): the cell's own limit takes over from the deadline to begin.
    for (const timer of active.timers.splice(0)) clearTimeout(timer);
    active.stopping = null;
    active.started = true;
    active.startedAt = performance.now();
    // Timers overflow past 2^31 - 1 ms and would fire at once.
    const limit = Math.min(active.job.timeoutMs, 2 ** 31 - 1);
    active.timers.push(setTimeout(() => this.#stop(active, 'timeout'), limit));
  }

  #onResult(id: number, result: KernelResult): void {
    const active = this.#active;
    if (!active || active.id !== id || active.job.kind !== 'run') return;
    const { job } = active;
    if (!result.error) this.#history.push({ id, number: active.number, code: job.code });
    const durationMs = performance.now() - active.startedAt;
    if (active.stopping === 'timeout' && result.interrupted) {
      const text = result.stream + timeoutText(job.timeoutMs);
      job.resolve({ text, stream: result.stream, error: true, timedOut: true, durationMs });
    } else if (active.stopping !== 'abort') {
      const { text, stream, error } = result;
      job.resolve({ text, stream, error, timedOut: false, durationMs });
    }
    this.#finish(active);
  }

  #onNamespaceReset(id: number): void {
    const active = this.#active;
    if (!active || active.id !== id || active.job.kind !== 'reset') return;
    this.#history = [];
    this.#executionCount = 0;
    active.job.resolve();
    this.#finish(active);
  }

  /** Stops the running cell: interrupt first when possible, else (or after the grace) a new worker. */
  #stop(active: Active, why: 'timeout' | 'abort'): void {
    if (active !== this.#active) return;
    const wedged = active.stopping === 'wedged';
    if (active.stopping && !(wedged && why === 'abort')) return;
    active.stopping = why;
    if (why === 'abort' && active.job.kind === 'run') active.job.reject(abortError());
    // Already interrupted for being late: the grace under way ends with a fresh worker.
    if (wedged) return;
    const interrupt = this.#current?.interrupt;
    if (interrupt) {
      Atomics.store(interrupt, 0, 2);
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

  /**
   * The worker broke. The cell running answers for it; between cells, the cell named (or else the last one) left
   * something behind that broke it, so it is not replayed. The worker's own words never reach the status.
   */
  #onCrash(
    error: SandboxErrorData,
    culprit: number | null = null,
    cellText?: string,
    reason = CRASH_REASON,
  ): void {
    const active = this.#active;
    if (!active && !this.#ready && !this.#restoring) return this.#fail(error);
    const running =
      active?.job.kind === 'run' && active.started && (culprit === null || culprit === active.id);
    if (this.#restoring || active?.job.kind === 'reset') {
      // A crash while replaying, or while resetting: carry on with a fresh namespace.
      this.#history = [];
      this.#executionCount = 0;
    } else if (!running) {
      this.#forget(culprit);
    }
    if (
      active &&
      !running &&
      active.job.kind === 'run' &&
      (!active.stopping || active.stopping === 'wedged')
    ) {
      // Sent but not begun: it did nothing, so the fresh worker runs it.
      for (const timer of active.timers) clearTimeout(timer);
      this.#active = null;
      this.#executionCount--;
      this.#queue.unshift(active.job);
    } else if (active) {
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
        const text =
          cellText ??
          `RuntimeError: the Python worker stopped unexpectedly (${error.message}); it was restarted and the earlier cells were run again`;
        job.resolve({ text, error: true, timedOut: false, durationMs });
      });
    }
    this.#spawn({ state: 'restarting', reason }, true);
  }

  /** Drops the cell that broke the worker from the replay; one not found (a replayed cell's doing) drops them all. */
  #forget(culprit: number | null): void {
    if (culprit === null) {
      this.#history.pop();
      return;
    }
    const index = this.#history.findIndex((cell) => cell.id === culprit);
    if (index >= 0) {
      this.#history.splice(index, 1);
    } else {
      this.#history = [];
      this.#executionCount = 0;
    }
  }

  #fail(error: SandboxErrorData): void {
    const failure = new SandboxError(error);
    this.#kill();
    this.#dropSpare(null);
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
    this.#updateLoading();
  }

  #updateLoading(): void {
    const loading =
      !this.#disposed &&
      !this.#failure &&
      [this.#current, this.#spare].some((slot) => slot !== null && !slot.started);
    if (loading === this.#loadingNow) return;
    this.#loadingNow = loading;
    for (const listener of this.#loadingListeners) listener(loading);
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

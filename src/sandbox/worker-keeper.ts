// Keeps one worker current for the sandbox: starts it, restores the problem into a fresh one, replaces one that
// broke or is held, and fails when none can start. Jobs go through its cell queue.
import type { Job } from './cell-job';
import { CellQueue } from './cell-queue';
import { SandboxError, disposedError } from './errors';
import type { Phase } from './keeper-phase';
import type { FromWorker, SandboxErrorData, StartTimings } from './protocol';
import { RestoreLog } from './restore-log';
import {
  DEFAULT_MAX_SPARE_BYTES,
  SPARE_FAILED_NOTE,
  SparePool,
  type SpareInfo,
} from './spare-pool';
import { StatusFeed, deferred, readyStatus, type Deferred } from './status-feed';
import type { PythonSandboxOptions, SandboxStatus } from './types';
import {
  CRASH_REASON,
  FRESH_START,
  UNCAUGHT_ERROR,
  UNCAUGHT_TEXT,
  WEDGED_ERROR,
  WEDGED_REASON,
} from './reasons';
import { slotLauncher, type WorkerSlot } from './worker-slot';

export class WorkerKeeper {
  readonly defaultTimeoutMs: number;
  readonly feed = new StatusFeed();
  readonly #log = new RestoreLog();
  readonly #spare: SparePool;
  readonly #queue: CellQueue;
  #phase: Phase = { kind: 'idle' };
  #current: WorkerSlot | null = null;
  #readyOnce: Deferred | null = null;
  #nextId = 1;
  #timings: StartTimings | null = null;

  constructor(options: PythonSandboxOptions) {
    this.defaultTimeoutMs = options.defaultTimeoutMs ?? 6000;
    const launch = slotLauncher(options, {
      message: (slot, message) => this.#onMessage(slot, message),
      fault: (slot, error) =>
        this.#spare.is(slot) ? this.#spare.drop(SPARE_FAILED_NOTE) : this.#onCrash(error),
    });
    this.#spare = new SparePool({
      wanted: options.spare ?? true,
      maxBytes: options.maxSpareBytes ?? DEFAULT_MAX_SPARE_BYTES,
      launch,
      changed: (noted) => {
        this.#updateLoading();
        if (noted && this.feed.status.state === 'ready') this.#setStatus(this.#readyStatus());
      },
    });
    this.#queue = new CellQueue(
      {
        worker: () => (this.#phase.kind === 'ready' ? this.#current : null),
        current: () => this.#current,
        log: this.#log,
        nextId: () => this.#nextId++,
        busy: (busy) => {
          if (busy) this.#setStatus({ state: 'busy' });
          else if (this.feed.status.state === 'busy') this.#setStatus(this.#readyStatus());
        },
        swapWorker: () => this.#spawn(this.#spare.ready ? { state: 'busy' } : FRESH_START, false),
        replace: (reason) => this.#spawn({ state: 'restarting', reason }, true),
        wedged: () => this.#onCrash(WEDGED_ERROR, null, undefined, WEDGED_REASON),
      },
      {
        graceMs: options.interruptGraceMs ?? 1000,
        startLimitMs: options.startLimitMs ?? this.defaultTimeoutMs,
        pristine: options.problemReset !== 'namespace',
      },
    );
  }

  /** How long the last worker took to load Pyodide, the packages and SymPy. */
  get timings(): StartTimings | null {
    return this.#timings;
  }

  get current(): WorkerSlot | null {
    return this.#current;
  }

  get spare(): SpareInfo {
    return this.#spare.info;
  }

  /** Starts the worker unless one is current; after a failure, tries again. */
  start(): void {
    if (this.#phase.kind === 'disposed' || this.#current) return;
    this.#readyOnce ??= deferred();
    this.#spawn({ state: 'starting', progress: 'Starting Python…' }, false);
  }

  whenReady(): Promise<void> {
    this.start();
    if (this.#phase.kind === 'failed') return Promise.reject(this.#phase.error);
    if (this.#phase.kind === 'ready' && !this.#readyOnce) return Promise.resolve();
    return (this.#readyOnce ??= deferred()).promise;
  }

  /** Queues the job `make` builds, once the sandbox can take one (else rejects at once). */
  enqueue<T>(
    make: (resolve: (value: T) => void, reject: (error: unknown) => void) => Job,
  ): Promise<T> {
    if (this.#phase.kind === 'disposed') return Promise.reject(disposedError());
    this.start();
    if (this.#phase.kind === 'failed') return Promise.reject(this.#phase.error);
    return new Promise<T>((resolve, reject) => this.#queue.push(make(resolve, reject)));
  }

  abort(job: Job): void {
    this.#queue.abort(job);
  }

  dispose(): void {
    if (this.#phase.kind === 'disposed') return;
    this.#kill();
    this.#phase = { kind: 'disposed' };
    this.#spare.drop(null);
    const error = disposedError();
    this.#queue.rejectAll(error);
    this.#readyOnce?.reject(error);
    this.feed.close();
  }

  /** Makes a worker current: the spare when there is one (ready or still starting), else a new one. */
  #spawn(status: SandboxStatus, restore: boolean): void {
    this.#kill();
    const slot = this.#spare.take();
    this.#current = slot;
    this.#phase = { kind: 'loading', restore };
    this.#setStatus(status);
    if (slot.started) this.#onCurrentReady(slot);
  }

  #kill(): void {
    this.#current?.terminate();
    this.#current = null;
    if (this.#phase.kind === 'restoring') clearTimeout(this.#phase.timer);
    this.#phase = { kind: 'idle' };
  }

  #onMessage(slot: WorkerSlot, message: FromWorker): void {
    if (this.#spare.is(slot)) {
      this.#spare.hear(message);
      return this.#updateLoading();
    }
    switch (message.kind) {
      case 'progress':
        if (this.feed.status.state === 'starting')
          this.#setStatus({ state: 'starting', progress: message.text });
        return;
      case 'ready':
        this.#onCurrentReady(slot);
        return this.#updateLoading();
      case 'started':
        return this.#queue.started(message.id);
      case 'result':
        return this.#queue.result(message.id, message.result);
      case 'done':
        if (this.#phase.kind === 'restoring' && this.#phase.id === message.id) {
          clearTimeout(this.#phase.timer);
          return this.#becomeReady();
        }
        return this.#queue.namespaceReset(message.id);
      case 'uncaught':
        return this.#onCrash(UNCAUGHT_ERROR, message.id, UNCAUGHT_TEXT);
      case 'failed':
        if (message.id === null || message.error.code !== 'crashed') {
          if (this.#phase.kind !== 'ready') return this.#fail(message.error);
        }
        return this.#onCrash(message.error, message.id);
    }
  }

  #onCurrentReady(slot: WorkerSlot): void {
    this.#timings = slot.timings;
    this.#spare.warm();
    if (this.#phase.kind === 'loading' && this.#phase.restore && this.#log.needed)
      return this.#restore(slot);
    this.#becomeReady();
  }

  #restore(slot: WorkerSlot): void {
    const id = this.#nextId++;
    // Earlier cells each got the full limit once; a restore that hangs is abandoned.
    const limit = (this.#log.size + 1) * this.defaultTimeoutMs;
    const timer = setTimeout(() => {
      this.#log.dropCells();
      this.#spawn({ state: 'restarting', reason: 'Restoring earlier cells took too long.' }, true);
    }, limit);
    this.#phase = { kind: 'restoring', id, timer };
    slot.post(this.#log.message(id));
  }

  #becomeReady(): void {
    this.#phase = { kind: 'ready' };
    // A new problem's fresh interpreter is what its reset waited for.
    this.#queue.resetDone();
    this.#setStatus(this.#readyStatus());
    this.#readyOnce?.resolve();
    this.#readyOnce = null;
    this.#queue.pump();
  }

  #readyStatus(): SandboxStatus {
    return readyStatus(this.#spare.note, this.#current?.unserved ?? []);
  }

  /** The worker broke: the queue settles the job; the worker's own words never reach the status. */
  #onCrash(
    error: SandboxErrorData,
    culprit: number | null = null,
    cellText?: string,
    reason = CRASH_REASON,
  ): void {
    const { kind } = this.#phase;
    if (!this.#queue.active && kind !== 'ready' && kind !== 'restoring') return this.#fail(error);
    this.#queue.crashed(error, culprit, cellText, kind === 'restoring');
    this.#spawn({ state: 'restarting', reason }, true);
  }

  #fail(error: SandboxErrorData): void {
    const failure = new SandboxError(error);
    this.#kill();
    this.#phase = { kind: 'failed', error: failure };
    this.#spare.drop(null);
    this.#queue.rejectAll(failure);
    this.#readyOnce?.reject(failure);
    this.#readyOnce = null;
    this.#setStatus({ state: 'failed', message: error.message, code: error.code });
  }

  #setStatus(status: SandboxStatus): void {
    this.feed.setStatus(status);
    this.#updateLoading();
  }

  #updateLoading(): void {
    const { kind } = this.#phase;
    const loading =
      kind !== 'disposed' &&
      kind !== 'failed' &&
      (this.#spare.loading || (this.#current !== null && !this.#current.started));
    this.feed.setLoading(loading);
  }
}

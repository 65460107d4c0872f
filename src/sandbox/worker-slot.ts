// One Python worker as the client sees it: its port, its interrupt flag, and how far along it is.
import {
  isFromWorker,
  type FromWorker,
  type SandboxErrorData,
  type StartTimings,
  type ToWorker,
} from './protocol';
import { createModuleWorker, indexUrlFor } from './module-worker';
import { retryUnstartedWorkers } from './retry-unstarted-worker';
import { cacheSnapshotStore, type SnapshotStore } from './snapshot-store';
import type { PythonSandboxOptions, WorkerFactory, WorkerPort } from './types';

/**
 * 'loading': it has not said 'ready', so it has run nothing and may still hand over a memory snapshot;
 * 'started': ready and pristine; 'used': a cell or a restore was sent to it.
 */
export type SlotState = 'loading' | 'started' | 'used';

/** What the slot passes on: everything but the snapshot messages, which it settles with the store itself. */
export interface SlotEvents {
  message(slot: WorkerSlot, message: FromWorker): void;
  fault(slot: WorkerSlot, error: SandboxErrorData): void;
}

export interface SlotOptions {
  createWorker: WorkerFactory;
  indexUrl: string;
  allowInterrupt: boolean;
  /** Where snapshots are kept, one operation at a time (see `serialStore`); null: always start in full. */
  snapshots: SnapshotStore | null;
  events: SlotEvents;
}

const OUTSIDE_PROTOCOL: SandboxErrorData = {
  name: 'ProtocolError',
  message: 'the worker sent a message outside the protocol',
  code: 'crashed',
};

export class WorkerSlot {
  state: SlotState = 'loading';
  /** Let go: it is terminated and nothing it sends counts any more. */
  gone = false;
  timings: StartTimings | null = null;
  /** Packages the worker said this copy of the app does not serve. */
  unserved: readonly string[] = [];
  memoryBytes: number | null = null;
  policy: boolean | null = null;
  readonly #port: WorkerPort;
  readonly #interrupt: Int32Array | null;
  readonly #snapshots: SnapshotStore | null;

  constructor({ createWorker, indexUrl, allowInterrupt, snapshots, events }: SlotOptions) {
    const buffer =
      allowInterrupt && typeof SharedArrayBuffer === 'function' ? new SharedArrayBuffer(4) : null;
    this.#interrupt = buffer ? new Int32Array(buffer) : null;
    this.#snapshots = snapshots;
    this.#port = createWorker({
      message: (message: unknown) => {
        if (this.gone) return;
        // A worker that sends what the protocol does not allow is not trusted with the namespace any more.
        if (!isFromWorker(message)) return events.fault(this, OUTSIDE_PROTOCOL);
        if (!this.#keepSnapshot(message)) events.message(this, message);
      },
      error: (error) => {
        if (!this.gone) events.fault(this, error);
      },
    });
    if (!snapshots) {
      this.#port.post({ kind: 'init', indexUrl, interruptBuffer: buffer });
      return;
    }
    // The worker script loads while the snapshot is read; Pyodide waits for neither.
    void snapshots.load().then((found) => {
      if (this.gone) return;
      this.#port.post({
        kind: 'init',
        indexUrl,
        interruptBuffer: buffer,
        snapshot: found.snapshot,
        makeSnapshot: true,
        refusedKey: found.refusedKey,
      });
    });
  }

  get started(): boolean {
    return this.state !== 'loading';
  }

  get canInterrupt(): boolean {
    return this.#interrupt !== null;
  }

  post(message: ToWorker): void {
    if (message.kind !== 'init') this.state = 'used';
    this.#port.post(message);
  }

  /** Asks Python to raise KeyboardInterrupt; false when this worker shares no flag. */
  interrupt(): boolean {
    if (!this.#interrupt) return false;
    Atomics.store(this.#interrupt, 0, 2);
    return true;
  }

  /** Before a cell, while the worker is idle: a late interrupt cannot hit the cell and none can be lost. */
  clearInterrupt(): void {
    if (this.#interrupt) Atomics.store(this.#interrupt, 0, 0);
  }

  terminate(): void {
    this.gone = true;
    this.#port.terminate();
  }

  /** Snapshot messages, handled here; true when the message was one. */
  #keepSnapshot(message: FromWorker): boolean {
    const store = this.#snapshots;
    if (message.kind === 'ready') {
      this.state = 'started';
      this.timings = message.timings;
      this.memoryBytes = message.memoryBytes ?? null;
      this.policy = message.policy ?? null;
      this.unserved = message.unserved ?? [];
      return false;
    }
    if (message.kind !== 'snapshot' && message.kind !== 'snapshot-rejected') return false;
    // Only before 'ready' (no cell can have run): a cell must not write or switch off what later visits start from.
    if (this.started || !store) return true;
    if (message.kind === 'snapshot') {
      void store.save(message.snapshot);
    } else {
      void store.discard(message.key, message.failed);
      if (message.failed) console.warn('[sandbox] memory snapshot not usable:', message.reason);
    }
    return true;
  }
}

/** The store with its operations one at a time (a discard must not overtake the save after it), never rejecting. */
export function serialStore(store: SnapshotStore): SnapshotStore {
  let last: Promise<unknown> = Promise.resolve();
  const queue = <T>(operation: () => Promise<T>, fallback: T): Promise<T> => {
    const next = last.then(operation).catch(() => fallback);
    last = next;
    return next;
  };
  return {
    load: () => queue(() => store.load(), { snapshot: null, refusedKey: null }),
    save: (snapshot) => queue(() => store.save(snapshot), undefined),
    discard: (key, failed) => queue(() => store.discard(key, failed), undefined),
  };
}

/** Makes workers as the sandbox's options say: where Python is served, interrupts, the snapshot store. */
export function slotLauncher(options: PythonSandboxOptions, events: SlotEvents): () => WorkerSlot {
  const indexUrl = indexUrlFor(options.baseUrl);
  const store = options.snapshots === undefined ? cacheSnapshotStore(indexUrl) : options.snapshots;
  const slotOptions: SlotOptions = {
    createWorker: retryUnstartedWorkers(options.createWorker ?? createModuleWorker),
    indexUrl,
    allowInterrupt:
      options.allowInterrupt ??
      (globalThis as { crossOriginIsolated?: boolean }).crossOriginIsolated === true,
    snapshots: store && serialStore(store),
    events,
  };
  return () => new WorkerSlot(slotOptions);
}

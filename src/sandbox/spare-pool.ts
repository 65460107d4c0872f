// The spare worker that warms up for the next problem or restart, and when this device cannot afford one.
import type { FromWorker } from './protocol';
import type { WorkerSlot } from './worker-slot';

/** What the sandbox knows about its spare worker (for the status line and the benchmark). */
export interface SpareInfo {
  ready: boolean;
  /** The spare's WebAssembly memory and file image, as it reported them. */
  memoryBytes: number | null;
  /** Why there is no spare, in words, when there cannot be one. */
  off: string | null;
}

/** Roughly what a restored worker holds (54 MB heap, 40 MB files) with room for growth; more is not kept idle. */
export const DEFAULT_MAX_SPARE_BYTES = 384 * 2 ** 20;
/** Below this much device memory (navigator.deviceMemory, in GB) no second Python is kept. */
const MIN_DEVICE_MEMORY_GB = 2;
export const LOW_MEMORY_NOTE =
  'This device is short of memory, so no second Python is kept ready: each new problem waits for a fresh one.';
export const SPARE_FAILED_NOTE =
  'A second Python could not be kept ready, so each new problem waits for a fresh one.';

export interface SparePoolOptions {
  wanted: boolean;
  maxBytes: number;
  launch(): WorkerSlot;
  /** The spare came or went; `noted`: the note changed too. */
  changed(noted: boolean): void;
}

export class SparePool {
  #slot: WorkerSlot | null = null;
  /** Why no spare is kept (shown with the ready status), or null. */
  #off: string | null = null;
  readonly #options: SparePoolOptions;

  constructor(options: SparePoolOptions) {
    this.#options = options;
    const deviceMemory = (globalThis as { navigator?: { deviceMemory?: number } }).navigator
      ?.deviceMemory;
    if (options.wanted && typeof deviceMemory === 'number' && deviceMemory < MIN_DEVICE_MEMORY_GB)
      this.#off = LOW_MEMORY_NOTE;
  }

  get info(): SpareInfo {
    return {
      ready: this.#slot?.started ?? false,
      memoryBytes: this.#slot?.memoryBytes ?? null,
      off: this.#off,
    };
  }

  get note(): string | null {
    return this.#off;
  }

  /** Whether the spare has said 'ready' (a swap to it needs no wait). */
  get ready(): boolean {
    return this.#slot?.started ?? false;
  }

  /** Whether a spare is still loading Python. */
  get loading(): boolean {
    return this.#slot !== null && !this.#slot.started;
  }

  is(slot: WorkerSlot): boolean {
    return this.#slot === slot;
  }

  /** Starts the spare, unless there is one or this device cannot afford it. */
  warm(): void {
    if (!this.#options.wanted || this.#off || this.#slot) return;
    this.#slot = this.#options.launch();
    this.#options.changed(false);
  }

  /** Hands the spare over (ready or still starting), or a new worker when there is none. */
  take(): WorkerSlot {
    const slot = this.#slot ?? this.#options.launch();
    this.#slot = null;
    return slot;
  }

  /** A spare runs nothing: anything but its start means it is broken. */
  hear(message: FromWorker): void {
    if (message.kind === 'ready') this.#onReady();
    else if (message.kind === 'failed' || message.kind === 'uncaught') this.drop(SPARE_FAILED_NOTE);
  }

  /** The spare said 'ready': one over the memory bound is let go. */
  #onReady(): void {
    const bytes = this.#slot?.memoryBytes ?? null;
    if (bytes !== null && bytes > this.#options.maxBytes) this.drop(LOW_MEMORY_NOTE);
  }

  /** Lets the spare go; a note says no spare is kept from now on, and why. */
  drop(note: string | null): void {
    this.#slot?.terminate();
    this.#slot = null;
    if (note) this.#off = note;
    this.#options.changed(note !== null);
  }
}

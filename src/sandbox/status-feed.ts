// The sandbox's status and whether a worker is loading, for whoever listens (the page's status line, the footer).
import type { SandboxStatus } from './types';

export class StatusFeed {
  status: SandboxStatus = { state: 'idle' };
  #loading = false;
  readonly #statusListeners = new Set<(status: SandboxStatus) => void>();
  readonly #loadingListeners = new Set<(loading: boolean) => void>();

  /** Calls the listener now and on every change; returns the unsubscribe function. */
  onStatus(listener: (status: SandboxStatus) => void): () => void {
    this.#statusListeners.add(listener);
    listener(this.status);
    return () => this.#statusListeners.delete(listener);
  }

  onLoading(listener: (loading: boolean) => void): () => void {
    this.#loadingListeners.add(listener);
    listener(this.#loading);
    return () => this.#loadingListeners.delete(listener);
  }

  setStatus(status: SandboxStatus): void {
    this.status = status;
    for (const listener of this.#statusListeners) listener(status);
  }

  setLoading(loading: boolean): void {
    if (loading === this.#loading) return;
    this.#loading = loading;
    for (const listener of this.#loadingListeners) listener(loading);
  }

  /** Disposal: listeners hear that nothing loads any more, then nothing else. */
  close(): void {
    this.#statusListeners.clear();
    this.setLoading(false);
    this.#loadingListeners.clear();
  }
}

/** Ready, with what the page should know: why no spare is kept, and the packages a cell cannot import. */
export function readyStatus(spareNote: string | null, unserved: readonly string[]): SandboxStatus {
  const note = [spareNote, unservedNote(unserved)].filter((n) => n !== null).join(' ');
  return note ? { state: 'ready', note } : { state: 'ready' };
}

/** The status's words for packages this copy of the app lacks, so a failing `import numpy` is no surprise. */
export function unservedNote(names: readonly string[]): string | null {
  if (names.length === 0) return null;
  const list = names.join(', ');
  return `${list} ${names.length === 1 ? 'is' : 'are'} not in this copy of the app: a cell that imports ${names.length === 1 ? 'it' : 'one'} fails.`;
}

export interface Deferred {
  promise: Promise<void>;
  resolve(): void;
  reject(error: unknown): void;
}

export function deferred(): Deferred {
  let resolve!: () => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<void>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  promise.catch(() => {}); // nobody may be waiting; the failure is also reported through onStatus
  return { promise, resolve, reject };
}

// The cells a fresh worker runs again to restore the problem after a crash or a replacement.
import type { NumberedCell, ToWorker } from './protocol';

/** A cell that ran without error; `id` is the message id it ran with. */
interface LoggedCell extends NumberedCell {
  id: number;
}

export class RestoreLog {
  #cells: LoggedCell[] = [];
  /** The problem's In[] counter: the next cell is number `count + 1`, restored or not. */
  count = 0;

  /** Whether a fresh worker has anything to catch up on. */
  get needed(): boolean {
    return this.count > 0;
  }

  get size(): number {
    return this.#cells.length;
  }

  /** The next cell's number. */
  number(): number {
    return ++this.count;
  }

  /** A cell that was sent but never began gives its number back. */
  unnumber(): void {
    this.count--;
  }

  keep(id: number, number: number, code: string): void {
    this.#cells.push({ id, number, code });
  }

  /** A new problem, or a restore that cannot be trusted: nothing to restore, numbering from 1. */
  clear(): void {
    this.#cells = [];
    this.count = 0;
  }

  /** A restore that hung: its cells are dropped, the numbering goes on. */
  dropCells(): void {
    this.#cells = [];
  }

  /** Drops the cell that broke the worker; null: the last one; one not found (a restored cell's doing): all. */
  forget(culprit: number | null): void {
    if (culprit === null) {
      this.#cells.pop();
      return;
    }
    const index = this.#cells.findIndex((cell) => cell.id === culprit);
    if (index >= 0) this.#cells.splice(index, 1);
    else this.clear();
  }

  message(id: number): Extract<ToWorker, { kind: 'restore' }> {
    return {
      kind: 'restore',
      id,
      cells: this.#cells.map(({ number, code }) => ({ number, code })),
      executionCount: this.count,
    };
  }
}

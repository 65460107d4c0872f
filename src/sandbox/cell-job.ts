// What the cell queue holds and whom it answers to: its jobs, the one it is running, and the host that keeps its worker.
import type { RestoreLog } from './restore-log';
import { timeoutText } from './timeout-text';
import type { CellOutput } from './types';
import type { WorkerSlot } from './worker-slot';

export type Job =
  | {
      kind: 'run';
      code: string;
      timeoutMs: number;
      resolve(output: CellOutput): void;
      reject(error: unknown): void;
      detach(): void;
    }
  | { kind: 'reset'; resolve(): void; reject(error: unknown): void };

export interface Active {
  id: number;
  job: Job;
  number: number;
  startedAt: number;
  /** The worker said it began the cell (so a crash now is this cell's). */
  started: boolean;
  timers: ReturnType<typeof setTimeout>[];
  /**
   * Why the queue is stopping the job (an aborted caller was already answered); 'wedged': the worker did not begin
   * it in time, held by something an earlier cell left running.
   */
  stopping: 'timeout' | 'abort' | 'wedged' | null;
}

export interface QueueHost {
  /** The current worker when it may take a job; null while one starts or restores. */
  worker(): WorkerSlot | null;
  /** The current worker, ready or not (the one to interrupt). */
  current(): WorkerSlot | null;
  log: RestoreLog;
  nextId(): number;
  /** The queue took a job (true) or ran dry (false). */
  busy(busy: boolean): void;
  /** A reset for a used worker: the host swaps in a pristine one and calls `resetDone`. */
  swapWorker(): void;
  /** A fresh worker, restored from the log. */
  replace(reason: string): void;
  /** The worker is held by work it was not given: treated as a crash with these words. */
  wedged(): void;
}

export interface QueueLimits {
  graceMs: number;
  startLimitMs: number;
  /** 'reset' swaps in a pristine interpreter (true) or asks the worker for a fresh namespace (false). */
  pristine: boolean;
}

/** A cell stopped at its limit by a fresh worker: what it printed is lost with the old one. */
export function timedOut(active: Active, job: Extract<Job, { kind: 'run' }>): CellOutput {
  const durationMs = performance.now() - active.startedAt;
  return { text: timeoutText(job.timeoutMs), error: true, timedOut: true, durationMs };
}

// The sandbox's jobs, one at a time: each has a deadline to begin and a time limit to finish; past either, the
// interrupt, then a fresh worker.
import { abortError } from './errors';
import type { KernelResult, SandboxErrorData } from './protocol';
import { STOPPED_REASON, crashText } from './reasons';
import { timedOut, type Active, type Job, type QueueHost, type QueueLimits } from './cell-job';
import { timeoutText } from './timeout-text';

export class CellQueue {
  #waiting: Job[] = [];
  #active: Active | null = null;
  readonly #host: QueueHost;
  readonly #limits: QueueLimits;

  constructor(host: QueueHost, limits: QueueLimits) {
    this.#host = host;
    this.#limits = limits;
  }

  get active(): boolean {
    return this.#active !== null;
  }

  push(job: Job): void {
    this.#waiting.push(job);
    this.pump();
  }

  /** Sends the next job when the worker may take one. */
  pump(): void {
    const worker = this.#host.worker();
    if (this.#active || !worker) return;
    const job = this.#waiting.shift();
    if (!job) return this.#host.busy(false);
    const id = this.#host.nextId();
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
    this.#host.busy(true);
    const { log } = this.#host;
    if (job.kind === 'reset') {
      if (!this.#limits.pristine) {
        worker.post({ kind: 'reset', id });
        return this.#expectStart(active);
      }
      log.clear();
      // A worker that has run nothing is already pristine.
      if (worker.state !== 'used') {
        job.resolve();
        return this.#finish(active);
      }
      return this.#host.swapWorker();
    }
    active.number = log.number();
    worker.clearInterrupt();
    // The time limit starts with the worker's 'started'; until then the worker has its own deadline to begin.
    worker.post({ kind: 'run', id, code: job.code });
    this.#expectStart(active);
  }

  /** The pristine interpreter a reset waited for is ready. */
  resetDone(): void {
    const active = this.#active;
    if (active?.job.kind !== 'reset') return;
    active.job.resolve();
    this.#finish(active, false);
  }

  /** The caller's signal aborted: a waiting job leaves the queue, a sent one is stopped. */
  abort(job: Job): void {
    const index = this.#waiting.indexOf(job);
    if (index >= 0) {
      this.#waiting.splice(index, 1);
      job.reject(abortError());
    } else if (this.#active?.job === job) {
      this.#stop(this.#active, 'abort');
    }
  }

  started(id: number): void {
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

  result(id: number, result: KernelResult): void {
    const active = this.#active;
    if (!active || active.id !== id || active.job.kind !== 'run') return;
    const { job } = active;
    if (!result.error) this.#host.log.keep(id, active.number, job.code);
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

  /** The worker's fresh namespace (batch runs) is ready. */
  namespaceReset(id: number): void {
    const active = this.#active;
    if (!active || active.id !== id || active.job.kind !== 'reset') return;
    this.#host.log.clear();
    active.job.resolve();
    this.#finish(active);
  }

  /**
   * The worker broke. The cell running answers for it; between cells, the cell named (or else the last one) left
   * something behind that broke it, so it is not restored. A job sent but not begun runs on the fresh worker.
   */
  crashed(
    error: SandboxErrorData,
    culprit: number | null,
    cellText?: string,
    restoring = false,
  ): void {
    const active = this.#active;
    const { log } = this.#host;
    const running =
      active?.job.kind === 'run' && active.started && (culprit === null || culprit === active.id);
    // A crash while restoring, or while resetting: carry on with a fresh namespace.
    if (restoring || active?.job.kind === 'reset') log.clear();
    else if (!running) log.forget(culprit);
    if (!active) return;
    const { job } = active;
    if (!running && job.kind === 'run' && (!active.stopping || active.stopping === 'wedged')) {
      for (const timer of active.timers) clearTimeout(timer);
      this.#active = null;
      log.unnumber();
      this.#waiting.unshift(job);
      return;
    }
    this.#settle(active, () => {
      if (job.kind === 'reset') return job.resolve();
      if (active.stopping === 'timeout') return job.resolve(timedOut(active, job));
      const durationMs = performance.now() - active.startedAt;
      job.resolve({ text: cellText ?? crashText(error), error: true, timedOut: false, durationMs });
    });
  }

  /** Answers every job with this error (the sandbox failed or was disposed). */
  rejectAll(error: unknown): void {
    if (this.#active) this.#settle(this.#active, (job) => job.reject(error));
    for (const job of this.#waiting.splice(0)) job.reject(error);
  }

  /** An idle worker begins a job at once; one that does not in time is held by work an earlier cell left running. */
  #expectStart(active: Active): void {
    active.timers.push(setTimeout(() => this.#onWedged(active), this.#limits.startLimitMs));
  }

  #onWedged(active: Active): void {
    if (active !== this.#active || active.started || active.stopping) return;
    active.stopping = 'wedged';
    // The interrupt may free the worker (the job then runs there); if not, the grace ends with a fresh worker.
    if (!this.#host.current()?.interrupt()) return this.#replaceWedged(active);
    active.timers.push(setTimeout(() => this.#replaceWedged(active), this.#limits.graceMs));
  }

  /** The job never ran: it waits for a fresh worker, without the last cell (the likeliest to have left the work). */
  #replaceWedged(active: Active): void {
    if (active === this.#active && !active.started) this.#host.wedged();
  }

  /** Stops the running job: interrupt first when possible, else (or after the grace) a new worker. */
  #stop(active: Active, why: 'timeout' | 'abort'): void {
    if (active !== this.#active) return;
    const wedged = active.stopping === 'wedged';
    if (active.stopping && !(wedged && why === 'abort')) return;
    active.stopping = why;
    if (why === 'abort' && active.job.kind === 'run') active.job.reject(abortError());
    // Already interrupted for being late: the grace under way ends with a fresh worker.
    if (wedged) return;
    if (!this.#host.current()?.interrupt()) return this.#replaceWorker(active);
    active.timers.push(setTimeout(() => this.#replaceWorker(active), this.#limits.graceMs));
  }

  #replaceWorker(active: Active): void {
    if (active !== this.#active) return;
    const { job } = active;
    if (active.stopping === 'timeout' && job.kind === 'run') job.resolve(timedOut(active, job));
    this.#finish(active, false);
    this.#host.replace(STOPPED_REASON);
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
    if (pump) this.pump();
  }
}

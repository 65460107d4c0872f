import { INSERT_BUDGET_CHARS, WORKER_BUDGET_MS } from './formula-budget.ts';
import { RecentCache } from './recent-cache.ts';
import { announceTypesetProgress } from './typeset-progress.ts';

export interface TypesetRequest {
  id: number;
  tex: string;
  display: boolean;
}

export interface TypesetReply {
  id: number;
  /** Null when KaTeX found the formula invalid. */
  html: string | null;
}

/** What became of a formula sent off the page's thread. */
export type OffThreadResult =
  { kind: 'typeset'; html: string } | { kind: 'invalid' } | { kind: 'too-large' };

/** The part of a Worker the typesetter uses, so that tests can stand in for it. */
export interface TypesetWorker {
  postMessage(request: TypesetRequest): void;
  terminate(): void;
  onmessage: ((event: MessageEvent<TypesetReply>) => void) | null;
  onerror: ((event: ErrorEvent) => void) | null;
}

export interface TypesetLimits {
  insertChars: number;
  timeMs: number;
}

interface Job {
  id: number;
  key: string;
  tex: string;
  display: boolean;
}

const keyOf = (tex: string, display: boolean) => `${display ? 'D' : 'I'}${tex}`;

/** Typesets large formulas in a worker, one at a time, and says when a result arrives. */
export class OffThreadTypesetter {
  private readonly results = new RecentCache<OffThreadResult>(64);
  private readonly waiting: Job[] = [];
  private readonly asked = new Set<string>();
  private running: Job | null = null;
  private worker: TypesetWorker | null = null;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private nextId = 0;

  constructor(
    private readonly createWorker: () => TypesetWorker | null,
    private readonly announce: () => void = announceTypesetProgress,
    private readonly limits: TypesetLimits = {
      insertChars: INSERT_BUDGET_CHARS,
      timeMs: WORKER_BUDGET_MS,
    },
  ) {}

  /** The formula's result, or undefined while the worker is on it; the first ask sends it there. */
  result(tex: string, display: boolean): OffThreadResult | undefined {
    const key = keyOf(tex, display);
    const known = this.results.get(key);
    if (known) return known;
    if (this.asked.has(key)) return undefined;
    this.worker ??= this.spawn();
    if (!this.worker) {
      // No worker here (an old browser, a test without one): the page never typesets it on its own thread.
      const result: OffThreadResult = { kind: 'too-large' };
      this.results.set(key, result);
      return result;
    }
    this.asked.add(key);
    this.waiting.push({ id: this.nextId++, key, tex, display });
    this.pump();
    return undefined;
  }

  private pump(): void {
    if (this.running) return;
    const job = this.waiting.shift();
    if (!job) return;
    this.worker ??= this.spawn();
    if (!this.worker) return this.finish(job, { kind: 'too-large' });
    this.running = job;
    this.timer = setTimeout(() => {
      // A worker cannot be interrupted: a fresh one takes the formulas still waiting.
      this.dropWorker();
      this.finish(job, { kind: 'too-large' });
    }, this.limits.timeMs);
    this.worker.postMessage({ id: job.id, tex: job.tex, display: job.display });
  }

  private spawn(): TypesetWorker | null {
    const worker = this.createWorker();
    if (!worker) return null;
    worker.onmessage = ({ data }) => {
      const job = this.running;
      if (job?.id !== data.id) return;
      this.finish(job, this.classify(data.html));
    };
    worker.onerror = () => {
      const job = this.running;
      this.dropWorker();
      if (job) this.finish(job, { kind: 'too-large' });
    };
    return worker;
  }

  private classify(html: string | null): OffThreadResult {
    if (html === null) return { kind: 'invalid' };
    if (html.length > this.limits.insertChars) return { kind: 'too-large' };
    return { kind: 'typeset', html };
  }

  private dropWorker(): void {
    this.worker?.terminate();
    this.worker = null;
  }

  private finish(job: Job, result: OffThreadResult): void {
    clearTimeout(this.timer);
    if (this.running === job) this.running = null;
    this.asked.delete(job.key);
    this.results.set(job.key, result);
    this.results.trim();
    this.announce();
    this.pump();
  }
}

const createTypesetWorker = (): TypesetWorker | null =>
  typeof Worker === 'undefined'
    ? null
    : (new Worker(new URL('./typeset.worker.ts', import.meta.url), {
        type: 'module',
      }) as unknown as TypesetWorker);

export const offThreadTypesetter = new OffThreadTypesetter(createTypesetWorker);

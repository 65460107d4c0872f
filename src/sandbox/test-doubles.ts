// A scripted fake worker for the sandbox client's tests: what it was sent, and replies on cue.
import type { FromWorker, ToWorker } from './protocol';
import {
  PythonSandbox,
  type PythonSandboxOptions,
  type SandboxStatus,
  type WorkerEvents,
} from './python-sandbox';

export interface FakeWorker {
  events: WorkerEvents;
  posted: ToWorker[];
  terminated: boolean;
  reply(message: FromWorker): void;
  last<K extends ToWorker['kind']>(kind: K): Extract<ToWorker, { kind: K }>;
}

/** Every fake worker started, in order; each test file empties it before each test. */
export const workers: FakeWorker[] = [];

export function createWorker(events: WorkerEvents) {
  const worker: FakeWorker = {
    events,
    posted: [],
    terminated: false,
    reply: (message) => events.message(message),
    last: (kind) => worker.posted.filter((m) => m.kind === kind).at(-1) as never,
  };
  workers.push(worker);
  return {
    post: (message: ToWorker) => worker.posted.push(message),
    terminate: () => (worker.terminated = true),
  };
}

export const timings = { pyodideMs: 1, packagesMs: 1, sympyMs: 1 };
/** The worker's word that the last posted cell began to run, which starts its time limit. */
export const cellStarts = (worker: FakeWorker) =>
  worker.reply({ kind: 'started', id: worker.last('run').id });
export const result = (id: number, text: string, error = false) =>
  ({ kind: 'result', id, result: { text, stream: '', error, interrupted: false } }) as const;

/** A sandbox whose first worker has said it is ready, and every status it reported. */
export function started(options: Partial<PythonSandboxOptions> = {}) {
  const sandbox = new PythonSandbox({
    baseUrl: '/app/',
    createWorker,
    allowInterrupt: false,
    ...options,
  });
  const statuses: SandboxStatus[] = [];
  sandbox.onStatus((status) => statuses.push(status));
  sandbox.start();
  workers[0]!.reply({ kind: 'ready', timings });
  return { sandbox, statuses };
}

// A worker that errors before its first message is replaced and sent again what it was sent; one that spoke is not.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ToWorker } from './protocol';
import { retryUnstartedWorkers } from './retry-unstarted-worker';
import type { WorkerEvents } from './types';

interface Made {
  events: WorkerEvents;
  posted: Array<{ message: ToWorker; transfer?: Transferable[] }>;
  terminated: boolean;
}

let made: Made[];
const create = (events: WorkerEvents) => {
  const worker: Made = { events, posted: [], terminated: false };
  made.push(worker);
  return {
    post: (message: ToWorker, transfer?: Transferable[]) =>
      worker.posted.push({ message, transfer }),
    terminate: () => (worker.terminated = true),
  };
};

const init: ToWorker = { kind: 'init', indexUrl: '/pyodide/', interruptBuffer: null };
const scriptFailed = {
  name: 'WorkerError',
  message: 'the Python worker failed',
  code: 'crashed',
} as const;

function open(options = {}) {
  const heard: unknown[] = [];
  const errors: unknown[] = [];
  const port = retryUnstartedWorkers(
    create,
    options,
  )({ message: (m) => heard.push(m), error: (e) => errors.push(e) });
  return { port, heard, errors };
}

beforeEach(() => {
  made = [];
  vi.useFakeTimers();
});
afterEach(() => vi.useRealTimers());

describe('retryUnstartedWorkers', () => {
  it('replaces a worker that fails before it speaks, and sends the new one what the first was sent', () => {
    const { port, heard, errors } = open();
    port.post(init);
    made[0]!.events.error(scriptFailed);
    expect(made[0]!.terminated).toBe(true);
    expect(made).toHaveLength(1);
    vi.advanceTimersByTime(250);
    expect(made).toHaveLength(2);
    expect(made[1]!.posted.map((p) => p.message)).toEqual([init]);
    made[1]!.events.message({ kind: 'progress', text: 'Loading Python…' });
    expect(heard).toEqual([{ kind: 'progress', text: 'Loading Python…' }]);
    expect(errors).toEqual([]);
  });

  it('holds what is posted while the replacement waits, and delivers it once', () => {
    const { port } = open();
    made[0]!.events.error(scriptFailed);
    port.post(init);
    expect(made[0]!.posted).toEqual([]);
    vi.advanceTimersByTime(250);
    expect(made[1]!.posted.map((p) => p.message)).toEqual([init]);
  });

  it('reports the error once the retries are spent, waiting longer each time', () => {
    const { port, errors } = open({ retries: 2, delayMs: 100 });
    port.post(init);
    made[0]!.events.error(scriptFailed);
    vi.advanceTimersByTime(100);
    made[1]!.events.error(scriptFailed);
    vi.advanceTimersByTime(100);
    expect(made).toHaveLength(2);
    vi.advanceTimersByTime(100);
    made[2]!.events.error(scriptFailed);
    vi.advanceTimersByTime(10_000);
    expect(made).toHaveLength(3);
    expect(errors).toEqual([scriptFailed]);
  });

  it('never replaces a worker that has spoken: its error is the caller’s', () => {
    const { port, errors } = open();
    port.post(init);
    made[0]!.events.message({ kind: 'progress', text: 'Loading Python…' });
    made[0]!.events.error(scriptFailed);
    vi.advanceTimersByTime(10_000);
    expect(made).toHaveLength(1);
    expect(errors).toEqual([scriptFailed]);
  });

  it('does not replace a worker once a buffer was transferred to it (it cannot be sent twice)', () => {
    const { port, errors } = open();
    const buffer = new ArrayBuffer(8);
    port.post(init, [buffer]);
    made[0]!.events.error(scriptFailed);
    vi.advanceTimersByTime(10_000);
    expect(made).toHaveLength(1);
    expect(errors).toEqual([scriptFailed]);
  });

  it('starts no replacement after terminate, and ignores a replaced worker’s late events', () => {
    const { port, heard, errors } = open();
    made[0]!.events.error(scriptFailed);
    port.terminate();
    vi.advanceTimersByTime(10_000);
    expect(made).toHaveLength(1);

    const second = open();
    made[1]!.events.error(scriptFailed);
    vi.advanceTimersByTime(250);
    made[1]!.events.message({ kind: 'progress', text: 'late' });
    made[1]!.events.error(scriptFailed);
    expect(second.heard).toEqual([]);
    expect(second.errors).toEqual([]);
    expect(made).toHaveLength(3);
    second.port.terminate();
    expect(made[2]!.terminated).toBe(true);
    expect([heard, errors]).toEqual([[], []]);
  });
});

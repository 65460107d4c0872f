import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Job } from './cell-job';
import { CellQueue } from './cell-queue';
import type { ToWorker } from './protocol';
import { RestoreLog } from './restore-log';
import type { CellOutput } from './types';
import type { WorkerSlot } from './worker-slot';

function harness(options: { interrupts?: boolean } = {}) {
  const posted: ToWorker[] = [];
  const calls: string[] = [];
  const flag = { value: 0 };
  const worker = {
    state: 'started',
    post: (message: ToWorker) => posted.push(message),
    clearInterrupt: () => (flag.value = 0),
    interrupt: () => {
      if (!options.interrupts) return false;
      flag.value = 2;
      return true;
    },
  } as unknown as WorkerSlot;
  const log = new RestoreLog();
  let id = 1;
  const queue = new CellQueue(
    {
      worker: () => worker,
      current: () => worker,
      log,
      nextId: () => id++,
      busy: (busy) => calls.push(busy ? 'busy' : 'idle'),
      swapWorker: () => calls.push('swap'),
      replace: () => calls.push('replace'),
      wedged: () => calls.push('wedged'),
    },
    { graceMs: 500, startLimitMs: 1000, pristine: true },
  );
  const run = (code: string, timeoutMs = 2000) =>
    new Promise<CellOutput>((resolve, reject) => {
      const job: Job = { kind: 'run', code, timeoutMs, resolve, reject, detach: () => {} };
      queue.push(job);
    });
  const lastRun = () => posted.filter((m) => m.kind === 'run').at(-1) as { id: number };
  const ok = { stream: '', error: false, interrupted: false };
  return { queue, posted, calls, flag, log, run, lastRun, ok };
}

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('CellQueue', () => {
  it('sends one job at a time and logs the cells that ran without error', async () => {
    const { queue, posted, calls, log, run, lastRun, ok } = harness();
    const first = run('x = 1');
    const second = run('x');
    expect(posted).toHaveLength(1);
    queue.result(lastRun().id, { ...ok, text: '' });
    await first;
    queue.result(lastRun().id, { ...ok, text: 'NameError', error: true });
    await expect(second).resolves.toMatchObject({ text: 'NameError', error: true });
    expect(log.message(0)).toMatchObject({ cells: [{ number: 1, code: 'x = 1' }] });
    expect(calls).toEqual(['busy', 'busy', 'idle']);
  });

  it('has the host treat a worker that does not begin a job in time as held', async () => {
    const { calls, run } = harness();
    void run('x');
    await vi.advanceTimersByTimeAsync(999);
    expect(calls).not.toContain('wedged');
    await vi.advanceTimersByTimeAsync(1);
    expect(calls).toContain('wedged');
  });

  it('interrupts a held worker first and lets a job the interrupt freed run with its whole limit', async () => {
    const { queue, calls, flag, run, lastRun } = harness({ interrupts: true });
    const cell = run('x', 2000);
    await vi.advanceTimersByTimeAsync(1000);
    expect(flag.value).toBe(2);
    queue.started(lastRun().id);
    await vi.advanceTimersByTimeAsync(1999);
    expect(calls).not.toContain('wedged');
    expect(calls).not.toContain('replace');
    queue.result(lastRun().id, { text: '1', stream: '', error: false, interrupted: false });
    await expect(cell).resolves.toMatchObject({ text: '1', timedOut: false });
  });

  it('stops a cell at its limit from its start: interrupt, then a fresh worker after the grace', async () => {
    const { queue, calls, flag, run, lastRun } = harness({ interrupts: true });
    const cell = run('while True: pass', 1000);
    queue.started(lastRun().id);
    await vi.advanceTimersByTimeAsync(1000);
    expect(flag.value).toBe(2);
    await vi.advanceTimersByTimeAsync(500);
    expect(calls).toContain('replace');
    await expect(cell).resolves.toMatchObject({ timedOut: true, error: true });
  });

  it('after a crash, sends a job that never began again and gives its number back', async () => {
    const { queue, log, run, posted, lastRun, ok } = harness();
    const first = run('x = 1');
    queue.result(lastRun().id, { ...ok, text: '' });
    await first;
    const next = run('x');
    queue.crashed({ name: 'E', message: 'gone', code: 'crashed' }, null);
    expect(log.message(0)).toMatchObject({ cells: [], executionCount: 1 }); // the last cell is blamed
    queue.pump();
    expect(posted.filter((m) => m.kind === 'run')).toHaveLength(3);
    queue.started(lastRun().id);
    queue.result(lastRun().id, { ...ok, text: '1' });
    await expect(next).resolves.toMatchObject({ text: '1' });
    expect(log.count).toBe(2);
  });

  it('answers a running cell that crashed with the sandbox’s own words', async () => {
    const { queue, run, lastRun } = harness();
    const cell = run('boom()');
    queue.started(lastRun().id);
    queue.crashed({ name: 'E', message: 'memory access out of bounds', code: 'crashed' }, null);
    await expect(cell).resolves.toMatchObject({
      text: expect.stringMatching(/^RuntimeError: the Python worker stopped unexpectedly/),
      error: true,
    });
  });

  it('resets by swapping in a pristine worker only when this one was used', async () => {
    const { queue, calls, log } = harness();
    log.number();
    const reset = new Promise<void>((resolve, reject) =>
      queue.push({ kind: 'reset', resolve, reject }),
    );
    await reset; // the worker ran nothing: already pristine
    expect(calls).not.toContain('swap');
    expect(log.needed).toBe(false);
  });
});

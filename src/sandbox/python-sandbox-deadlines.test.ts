// Work a cell leaves behind: uncaught errors after it ends, and a deadline for every job from when it is sent.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { PythonSandbox } from './python-sandbox';
import { type FakeWorker, cellStarts, result, started, timings, workers } from './test-doubles';

beforeEach(() => {
  workers.length = 0;
  vi.useFakeTimers();
});
afterEach(() => vi.useRealTimers());

describe('errors a cell leaves behind', () => {
  it("makes an uncaught error during a cell that cell's error, in words of the sandbox's own", async () => {
    const { sandbox, statuses } = started();
    const cell = sandbox.run('schedule_a_throw()');
    cellStarts(workers[0]!);
    workers[0]!.reply({ kind: 'uncaught', id: workers[0]!.last('run').id });
    const output = await cell;
    expect(output).toMatchObject({ error: true, timedOut: false });
    expect(output.text).toMatch(/^RuntimeError: JavaScript code that this cell started raised/);
    expect(statuses.at(-1)).toEqual({
      state: 'restarting',
      reason: 'The Python worker stopped unexpectedly; restoring the earlier cells.',
    });
  });

  it('does not restore the cell whose callback broke the worker after it ended', async () => {
    const { sandbox } = started();
    const worker = workers[0]!;
    const first = sandbox.run('x = 1');
    worker.reply(result(worker.last('run').id, ''));
    await first;
    const culprit = sandbox.run('setTimeout(boom)');
    const culpritId = worker.last('run').id;
    worker.reply(result(culpritId, ''));
    await culprit;
    const next = sandbox.run('x');
    worker.reply({ kind: 'uncaught', id: culpritId }); // before the next cell began
    workers[1]!.reply({ kind: 'ready', timings });
    expect(workers[1]!.last('restore').cells).toEqual([{ number: 1, code: 'x = 1' }]);
    workers[1]!.reply({ kind: 'done', id: workers[1]!.last('restore').id });
    expect(workers[1]!.last('run').code).toBe('x'); // the waiting cell runs on the fresh worker
    workers[1]!.reply(result(workers[1]!.last('run').id, '1'));
    await expect(next).resolves.toMatchObject({ text: '1', error: false });
  });

  it("never puts the worker's words into the status", async () => {
    const { sandbox, statuses } = started();
    const cell = sandbox.run('1');
    cellStarts(workers[0]!);
    workers[0]!.events.error({
      name: 'Error',
      message: 'PWNED visit evil.example',
      code: 'crashed',
    });
    await cell;
    expect(JSON.stringify(statuses)).not.toContain('PWNED');
  });
});

describe('a deadline for every job from when it is sent', () => {
  /** A cell that ran and returned, then left work behind that holds the worker (a task, a callback). */
  async function leftWork(sandbox: PythonSandbox, worker: FakeWorker) {
    const kept = sandbox.run('x = 1');
    worker.reply(result(worker.last('run').id, ''));
    await kept;
    const culprit = sandbox.run('asyncio.ensure_future(hog())');
    worker.reply(result(worker.last('run').id, ''));
    await culprit;
  }

  it('without interrupts, replaces a worker that does not begin the next cell, which then runs on the fresh one', async () => {
    const { sandbox, statuses } = started({ defaultTimeoutMs: 1000 });
    const worker = workers[0]!;
    await leftWork(sandbox, worker);
    const next = sandbox.run('x');
    await vi.advanceTimersByTimeAsync(999);
    expect(worker.terminated).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(worker.terminated).toBe(true);
    expect(statuses.at(-1)).toEqual({
      state: 'restarting',
      reason:
        'Python was still busy with work an earlier cell left running; restoring the earlier cells.',
    });
    const fresh = workers[1]!; // the spare
    fresh.reply({ kind: 'ready', timings });
    // The last cell, the likeliest to have left the work, is not restored.
    expect(fresh.last('restore').cells).toEqual([{ number: 1, code: 'x = 1' }]);
    fresh.reply({ kind: 'done', id: fresh.last('restore').id });
    expect(fresh.last('run').code).toBe('x');
    cellStarts(fresh);
    fresh.reply(result(fresh.last('run').id, '1'));
    await expect(next).resolves.toMatchObject({ text: '1', error: false, timedOut: false });
  });

  it('with interrupts, interrupts first; a cell the interrupt lets begin gets its whole limit', async () => {
    const { sandbox } = started({ allowInterrupt: true, defaultTimeoutMs: 1000 });
    const worker = workers[0]!;
    const flag = new Int32Array(worker.last('init').interruptBuffer!);
    await leftWork(sandbox, worker);
    const next = sandbox.run('x');
    await vi.advanceTimersByTimeAsync(1000);
    expect(flag[0]).toBe(2);
    expect(worker.terminated).toBe(false);
    flag[0] = 0; // the worker's side clears it before it begins the cell
    cellStarts(worker);
    await vi.advanceTimersByTimeAsync(999);
    expect(flag[0]).toBe(0);
    expect(worker.terminated).toBe(false);
    worker.reply(result(worker.last('run').id, '1'));
    await expect(next).resolves.toMatchObject({ text: '1', timedOut: false });
  });

  it('with interrupts, replaces the worker when the interrupt does not free it within the grace', async () => {
    const { sandbox } = started({
      allowInterrupt: true,
      defaultTimeoutMs: 1000,
      interruptGraceMs: 500,
    });
    const worker = workers[0]!;
    await leftWork(sandbox, worker);
    const check = sandbox.run('check()', { timeoutMs: 5000 });
    await vi.advanceTimersByTimeAsync(1499);
    expect(worker.terminated).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(worker.terminated).toBe(true);
    workers[1]!.reply({ kind: 'ready', timings });
    workers[1]!.reply({ kind: 'done', id: workers[1]!.last('restore').id });
    workers[1]!.reply(result(workers[1]!.last('run').id, 'True'));
    await expect(check).resolves.toMatchObject({ text: 'True' });
  });

  it('rejects a held job when its caller aborts, and still replaces the worker', async () => {
    const { sandbox } = started({ allowInterrupt: true, defaultTimeoutMs: 1000 });
    const worker = workers[0]!;
    await leftWork(sandbox, worker);
    const controller = new AbortController();
    const check = sandbox.run('check()', { signal: controller.signal });
    await vi.advanceTimersByTimeAsync(1000);
    controller.abort();
    await expect(check).rejects.toMatchObject({ name: 'AbortError' });
    await vi.advanceTimersByTimeAsync(1000);
    expect(worker.terminated).toBe(true);
    expect(workers[1]!.posted.some((m) => m.kind === 'run')).toBe(false);
  });

  it('gives a namespace reset (batch runs) the same deadline', async () => {
    const { sandbox } = started({ problemReset: 'namespace', defaultTimeoutMs: 1000 });
    const worker = workers[0]!;
    await leftWork(sandbox, worker);
    const reset = sandbox.reset();
    await vi.advanceTimersByTimeAsync(1000);
    expect(worker.terminated).toBe(true);
    workers[1]!.reply({ kind: 'ready', timings });
    await expect(reset).resolves.toBeUndefined();
    expect(workers[1]!.posted.some((m) => m.kind === 'restore')).toBe(false);
  });
});

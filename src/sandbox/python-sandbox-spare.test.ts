// A pristine interpreter per problem: the spare worker, its memory bound, and the ready status's notes.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { PythonSandbox, type SandboxStatus } from './python-sandbox';
import {
  type FakeWorker,
  cellStarts,
  createWorker,
  result,
  started,
  timings,
  workers,
} from './test-doubles';

beforeEach(() => {
  workers.length = 0;
  vi.useFakeTimers();
});
afterEach(() => vi.useRealTimers());

describe('a pristine interpreter per problem', () => {
  const runOk = async (sandbox: PythonSandbox, worker: FakeWorker, code: string) => {
    const cell = sandbox.run(code);
    cellStarts(worker);
    worker.reply(result(worker.last('run').id, ''));
    return cell;
  };

  it('warms a spare once ready and swaps to it on reset, without a restart or a restore', async () => {
    const { sandbox, statuses } = started();
    expect(workers).toHaveLength(2); // the current worker and its spare
    workers[1]!.reply({ kind: 'ready', timings, memoryBytes: 100 * 2 ** 20 });
    expect(sandbox.spare).toEqual({ ready: true, memoryBytes: 100 * 2 ** 20, off: null });
    await runOk(sandbox, workers[0]!, 'import mpmath\nmpmath.mp.dps = 50');
    const from = statuses.length;
    await sandbox.reset();
    expect(workers[0]!.terminated).toBe(true);
    expect(workers[1]!.posted.map((m) => m.kind)).toEqual(['init']); // nothing restored into it
    expect(statuses.slice(from).map((s) => s.state)).toEqual(['busy', 'busy', 'ready']);
    expect(workers).toHaveLength(3); // the next spare
    const next = sandbox.run('mpmath.mp.dps');
    expect(workers[1]!.last('run').code).toBe('mpmath.mp.dps');
    workers[1]!.reply(result(workers[1]!.last('run').id, '15'));
    await expect(next).resolves.toMatchObject({ text: '15' });
  });

  it("with problemReset 'namespace' (batch runs), resets the namespace inside the same worker", async () => {
    const sandbox = new PythonSandbox({
      baseUrl: '/',
      createWorker,
      allowInterrupt: false,
      problemReset: 'namespace',
    });
    sandbox.start();
    workers[0]!.reply({ kind: 'ready', timings });
    await runOk(sandbox, workers[0]!, 'x = 1');
    const reset = sandbox.reset();
    workers[0]!.reply({ kind: 'done', id: workers[0]!.last('reset').id });
    await reset;
    expect(workers[0]!.terminated).toBe(false);
  });

  it('keeps the worker when nothing ran since it started', async () => {
    const { sandbox } = started();
    await sandbox.reset();
    expect(workers[0]!.terminated).toBe(false);
    expect(workers).toHaveLength(2);
  });

  it('waits for a spare that is still starting, and says so', async () => {
    const { sandbox, statuses } = started();
    await runOk(sandbox, workers[0]!, 'x = 1');
    let done = false;
    const reset = sandbox.reset().then(() => (done = true));
    await vi.advanceTimersByTimeAsync(0);
    expect(done).toBe(false);
    expect(statuses.at(-1)).toEqual({ state: 'starting', progress: 'Starting a fresh Python…' });
    workers[1]!.reply({ kind: 'ready', timings });
    await reset;
    expect(statuses.at(-1)).toEqual({ state: 'ready' });
  });

  it('replaces a timed-out worker with the spare and restores the problem into it', async () => {
    const { sandbox } = started();
    workers[1]!.reply({ kind: 'ready', timings });
    await runOk(sandbox, workers[0]!, 'x = 2');
    const slow = sandbox.run('while True: pass', { timeoutMs: 100 });
    cellStarts(workers[0]!);
    await vi.advanceTimersByTimeAsync(100);
    await slow;
    expect(workers).toHaveLength(3); // no cold worker: the spare took over and a new spare warms
    expect(workers[1]!.last('restore')).toMatchObject({ cells: [{ number: 1, code: 'x = 2' }] });
  });

  it('says it is loading until the current worker and its spare have both started', async () => {
    const sandbox = new PythonSandbox({ baseUrl: '/', createWorker, allowInterrupt: false });
    const loading: boolean[] = [];
    sandbox.onLoading((value) => loading.push(value));
    sandbox.start();
    expect(loading).toEqual([false, true]);
    workers[0]!.reply({ kind: 'ready', timings });
    expect(workers).toHaveLength(2);
    expect(loading).toEqual([false, true]); // the spare starts as the first worker is ready
    workers[1]!.reply({ kind: 'ready', timings });
    expect(loading).toEqual([false, true, false]);
    await runOk(sandbox, workers[0]!, 'x = 1');
    await sandbox.reset();
    expect(loading).toEqual([false, true, false, true]); // the next spare
    workers[2]!.reply({ kind: 'ready', timings });
    expect(loading.at(-1)).toBe(false);
  });

  it('is not loading once a spare over the memory bound is let go, nor after a failure', () => {
    const { sandbox } = started({ maxSpareBytes: 2 ** 20 });
    const loading: boolean[] = [];
    sandbox.onLoading((value) => loading.push(value));
    workers[1]!.reply({ kind: 'ready', timings, memoryBytes: 2 * 2 ** 20 });
    expect(loading).toEqual([true, false]);

    const failing = new PythonSandbox({ baseUrl: '/', createWorker, allowInterrupt: false });
    const failingLoads: boolean[] = [];
    failing.onLoading((value) => failingLoads.push(value));
    void failing.whenReady().catch(() => undefined);
    failing.start();
    workers.at(-1)!.reply({
      kind: 'failed',
      id: null,
      error: { name: 'Error', message: 'pyodide.asm.wasm answered 404', code: 'load-failed' },
    });
    expect(failingLoads).toEqual([false, true, false]);
  });

  it('lets go of a spare over the memory bound, falls back and says so in the status', async () => {
    const { sandbox, statuses } = started({ maxSpareBytes: 2 ** 20 });
    workers[1]!.reply({ kind: 'ready', timings, memoryBytes: 2 * 2 ** 20 });
    expect(workers[1]!.terminated).toBe(true);
    expect(sandbox.spare.off).toMatch(/short of memory/);
    expect(statuses.at(-1)).toMatchObject({ state: 'ready', note: sandbox.spare.off });
    await runOk(sandbox, workers[0]!, 'x = 1');
    const reset = sandbox.reset();
    expect(workers).toHaveLength(3); // the slower path: a fresh worker now
    workers[2]!.reply({ kind: 'ready', timings });
    await reset;
    expect(workers).toHaveLength(3); // and no spare after it
    expect(statuses.at(-1)).toMatchObject({ state: 'ready', note: sandbox.spare.off });
  });
});

describe('packages this copy of the app does not serve', () => {
  it('says in the ready status that importing them fails', () => {
    const sandbox = new PythonSandbox({ baseUrl: '/', createWorker, allowInterrupt: false });
    const statuses: SandboxStatus[] = [];
    sandbox.onStatus((status) => statuses.push(status));
    sandbox.start();
    workers[0]!.reply({ kind: 'ready', timings, unserved: ['numpy'] });
    expect(statuses.at(-1)).toEqual({
      state: 'ready',
      note: 'numpy is not in this copy of the app: a cell that imports it fails.',
    });
  });

  it('adds no note when every package is served', () => {
    expect(started().statuses.at(-1)).toEqual({ state: 'ready' });
  });
});

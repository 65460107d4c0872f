// The client's bookkeeping against a scripted fake worker: the queue, timeouts, aborts and restarts.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { PythonSandbox, type SandboxStatus } from './python-sandbox';
import { cellStarts, createWorker, result, started, timings, workers } from './test-doubles';

beforeEach(() => {
  workers.length = 0;
  vi.useFakeTimers();
});
afterEach(() => vi.useRealTimers());

describe('PythonSandbox', () => {
  it('starts one worker for the served pyodide/ folder and reports its progress', async () => {
    const sandbox = new PythonSandbox({ baseUrl: '/app', createWorker, allowInterrupt: false });
    const statuses: SandboxStatus[] = [];
    sandbox.onStatus((status) => statuses.push(status));
    const ready = sandbox.whenReady();
    sandbox.start();
    expect(workers).toHaveLength(1);
    expect(workers[0]!.posted[0]).toEqual({
      kind: 'init',
      indexUrl: '/app/pyodide/',
      interruptBuffer: null,
    });
    workers[0]!.reply({ kind: 'progress', text: 'Loading SymPy…' });
    workers[0]!.reply({ kind: 'ready', timings });
    await expect(ready).resolves.toBeUndefined();
    expect(statuses.map((s) => s.state)).toEqual(['idle', 'starting', 'starting', 'ready']);
    expect(statuses[2]).toEqual({ state: 'starting', progress: 'Loading SymPy…' });
    expect(sandbox.timings).toEqual(timings);
  });

  it('also accepts the pyodide/ folder itself as the base URL', () => {
    new PythonSandbox({ baseUrl: '/app/pyodide/', createWorker }).start();
    expect(workers[0]!.last('init').indexUrl).toBe('/app/pyodide/');
  });

  it('runs cells one at a time, in order', async () => {
    const { sandbox, statuses } = started();
    const first = sandbox.run('a = 1\na');
    const second = sandbox.run('a + 1');
    const worker = workers[0]!;
    expect(worker.posted.filter((m) => m.kind === 'run')).toHaveLength(1);
    worker.reply(result(worker.last('run').id, '1'));
    await expect(first).resolves.toMatchObject({ text: '1', error: false, timedOut: false });
    expect(worker.last('run').code).toBe('a + 1');
    worker.reply(result(worker.last('run').id, '2'));
    await expect(second).resolves.toMatchObject({ text: '2' });
    expect(statuses.at(-1)).toEqual({ state: 'ready' });
  });

  it('without interrupts, answers a timeout at once, then replaces the worker and restores the good cells', async () => {
    const { sandbox, statuses } = started();
    const worker = workers[0]!;
    const ok = sandbox.run('x = 2');
    worker.reply(result(worker.last('run').id, ''));
    await ok;
    const bad = sandbox.run('y', { timeoutMs: 1000 });
    worker.reply(result(worker.last('run').id, 'NameError', true));
    await bad;
    const slow = sandbox.run('while True: pass', { timeoutMs: 1000 });
    const next = sandbox.run('x');
    cellStarts(worker);
    await vi.advanceTimersByTimeAsync(1000);
    await expect(slow).resolves.toMatchObject({
      text: 'TimeoutError: the cell ran longer than 1 s and was stopped',
      error: true,
      timedOut: true,
    });
    expect(worker.terminated).toBe(true);
    expect(statuses.at(-1)?.state).toBe('restarting');
    const fresh = workers[1]!;
    fresh.reply({ kind: 'ready', timings });
    expect(fresh.last('restore')).toMatchObject({
      cells: [{ number: 1, code: 'x = 2' }],
      executionCount: 3,
    });
    expect(fresh.posted.some((m) => m.kind === 'run')).toBe(false);
    fresh.reply({ kind: 'done', id: fresh.last('restore').id });
    expect(fresh.last('run').code).toBe('x');
    fresh.reply(result(fresh.last('run').id, '2'));
    await expect(next).resolves.toMatchObject({ text: '2' });
  });

  it('with interrupts, signals the worker and keeps what the cell printed', async () => {
    const { sandbox } = started({ allowInterrupt: true });
    const worker = workers[0]!;
    const buffer = worker.last('init').interruptBuffer!;
    new Int32Array(buffer)[0] = 2; // a late interrupt for an earlier cell must not stop the next one
    const slow = sandbox.run('print(1)\nwhile True: pass', { timeoutMs: 500 });
    expect(new Int32Array(buffer)[0]).toBe(0);
    cellStarts(worker);
    await vi.advanceTimersByTimeAsync(500);
    expect(new Int32Array(buffer)[0]).toBe(2);
    const id = worker.last('run').id;
    worker.reply({
      kind: 'result',
      id,
      result: { text: '1\n---', stream: '1\n', error: true, interrupted: true },
    });
    await expect(slow).resolves.toMatchObject({
      text: '1\nTimeoutError: the cell ran longer than 0.5 s and was stopped',
      timedOut: true,
    });
    expect(worker.terminated).toBe(false);
  });

  it("counts a cell's time limit from when the worker starts it, not from when it was sent", async () => {
    const { sandbox } = started({ allowInterrupt: true });
    const worker = workers[0]!;
    const buffer = worker.last('init').interruptBuffer!;
    const cell = sandbox.run('print(1)\nwhile True: pass', { timeoutMs: 500 });
    let settled = false;
    void cell.then(() => (settled = true));
    // A loaded machine: the worker has not begun the cell yet, so nothing may interrupt it.
    await vi.advanceTimersByTimeAsync(2000);
    expect(new Int32Array(buffer)[0]).toBe(0);
    expect(settled).toBe(false);
    cellStarts(worker);
    await vi.advanceTimersByTimeAsync(499);
    expect(new Int32Array(buffer)[0]).toBe(0);
    await vi.advanceTimersByTimeAsync(1);
    expect(new Int32Array(buffer)[0]).toBe(2);
    worker.reply({
      kind: 'result',
      id: worker.last('run').id,
      result: { text: '1\n---', stream: '1\n', error: true, interrupted: true },
    });
    await expect(cell).resolves.toMatchObject({ timedOut: true, durationMs: 500 });
  });

  it('rejects aborted calls with AbortError, queued or running', async () => {
    const { sandbox } = started();
    const controller = new AbortController();
    const running = sandbox.run('while True: pass', { signal: controller.signal });
    const queued = sandbox.run('1', { signal: controller.signal });
    controller.abort();
    await expect(queued).rejects.toMatchObject({ name: 'AbortError' });
    await expect(running).rejects.toMatchObject({ name: 'AbortError' });
    expect(workers[0]!.posted.filter((m) => m.kind === 'run')).toHaveLength(1);
    expect(workers[0]!.terminated).toBe(true);
    await expect(sandbox.run('1', { signal: controller.signal })).rejects.toMatchObject({
      name: 'AbortError',
    });
  });

  it('forgets the restore log on reset', async () => {
    const { sandbox } = started();
    const cell = sandbox.run('x = 1');
    workers[0]!.reply(result(workers[0]!.last('run').id, ''));
    await cell;
    const reset = sandbox.reset();
    workers[1]!.reply({ kind: 'ready', timings });
    await reset;
    const worker = workers[1]!;
    const slow = sandbox.run('while True: pass', { timeoutMs: 100 });
    cellStarts(worker);
    await vi.advanceTimersByTimeAsync(100);
    await slow;
    workers[2]!.reply({ kind: 'ready', timings });
    expect(workers[2]!.last('restore')).toMatchObject({ cells: [], executionCount: 1 });
  });

  it('reports a worker that cannot start, and rejects what waits', async () => {
    const sandbox = new PythonSandbox({ baseUrl: '/', createWorker });
    const statuses: SandboxStatus[] = [];
    sandbox.onStatus((status) => statuses.push(status));
    const ready = sandbox.whenReady();
    const error = {
      name: 'Error',
      message: '/pyodide/pyodide.asm.wasm answered 404',
      code: 'load-failed',
    } as const;
    workers[0]!.reply({ kind: 'failed', id: null, error });
    await expect(ready).rejects.toMatchObject({
      name: 'SandboxError',
      code: 'load-failed',
      message: error.message,
    });
    expect(statuses.at(-1)).toEqual({
      state: 'failed',
      message: error.message,
      code: 'load-failed',
    });
  });

  it('replaces a worker whose script never ran (an error before its first message) and starts', async () => {
    const sandbox = new PythonSandbox({ baseUrl: '/app/', createWorker, snapshots: null });
    const ready = sandbox.whenReady();
    workers[0]!.events.error({
      name: 'WorkerError',
      message: 'the Python worker failed',
      code: 'crashed',
    });
    expect(sandbox.status.state).toBe('starting');
    await vi.advanceTimersByTimeAsync(250);
    expect(workers).toHaveLength(2);
    expect(workers[1]!.last('init')).toMatchObject({
      indexUrl: expect.stringContaining('/app/pyodide/'),
    });
    workers[1]!.reply({ kind: 'ready', timings });
    await ready;
    expect(sandbox.status.state).toBe('ready');
  });

  it('answers a cell whose worker crashed, then restarts it', async () => {
    const { sandbox } = started();
    const cell = sandbox.run('x = [0] * 10**10');
    cellStarts(workers[0]!);
    workers[0]!.events.error({
      name: 'RuntimeError',
      message: 'memory access out of bounds',
      code: 'crashed',
    });
    const output = await cell;
    expect(output.error).toBe(true);
    expect(output.text).toContain('memory access out of bounds');
    expect(workers).toHaveLength(2);
  });
});

describe('messages from the worker', () => {
  it('treats a message outside the protocol as a crash: the cell gets an error and a fresh worker starts', async () => {
    const { sandbox } = started();
    const run = sandbox.run('1 + 1');
    const id = workers[0]!.last('run').id;
    cellStarts(workers[0]!);
    workers[0]!.events.message({ kind: 'result', id, result: { text: 'forged' } });
    const output = await run;
    expect(output.error).toBe(true);
    expect(output.text).toMatch(/RuntimeError: the Python worker stopped unexpectedly/);
    expect(workers).toHaveLength(2);
  });

  it('ignores a well-formed result for a cell that is not running', async () => {
    const { sandbox } = started();
    const run = sandbox.run('1 + 1');
    const id = workers[0]!.last('run').id;
    workers[0]!.reply(result(id + 7, 'forged'));
    workers[0]!.reply(result(id, '2'));
    await expect(run).resolves.toMatchObject({ text: '2', error: false });
  });
});

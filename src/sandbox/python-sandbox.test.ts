// The client's bookkeeping against a scripted fake worker: queue, timeouts, restarts and replay.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { FromWorker, ToWorker } from './protocol';
import {
  PythonSandbox,
  type PythonSandboxOptions,
  type SandboxStatus,
  type WorkerEvents,
} from './python-sandbox';

interface FakeWorker {
  events: WorkerEvents;
  posted: ToWorker[];
  terminated: boolean;
  reply(message: FromWorker): void;
  last<K extends ToWorker['kind']>(kind: K): Extract<ToWorker, { kind: K }>;
}

let workers: FakeWorker[];

function createWorker(events: WorkerEvents) {
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

const timings = { pyodideMs: 1, packagesMs: 1, sympyMs: 1 };
/** The worker's word that the last posted cell began to run, which starts its time limit. */
const cellStarts = (worker: FakeWorker) =>
  worker.reply({ kind: 'started', id: worker.last('run').id });
const result = (id: number, text: string, error = false) =>
  ({ kind: 'result', id, result: { text, stream: '', error, interrupted: false } }) as const;

function started(options: Partial<PythonSandboxOptions> = {}) {
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

beforeEach(() => {
  workers = [];
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

  it('without interrupts, answers a timeout at once, then replaces the worker and replays the good cells', async () => {
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

  it('forgets the replay history on reset', async () => {
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

describe('a pristine interpreter per problem', () => {
  const runOk = async (sandbox: PythonSandbox, worker: FakeWorker, code: string) => {
    const cell = sandbox.run(code);
    cellStarts(worker);
    worker.reply(result(worker.last('run').id, ''));
    return cell;
  };

  it('warms a spare once ready and swaps to it on reset, without a restart or a replay', async () => {
    const { sandbox, statuses } = started();
    expect(workers).toHaveLength(2); // the current worker and its spare
    workers[1]!.reply({ kind: 'ready', timings, memoryBytes: 100 * 2 ** 20 });
    expect(sandbox.spare).toEqual({ ready: true, memoryBytes: 100 * 2 ** 20, off: null });
    await runOk(sandbox, workers[0]!, 'import mpmath\nmpmath.mp.dps = 50');
    const from = statuses.length;
    await sandbox.reset();
    expect(workers[0]!.terminated).toBe(true);
    expect(workers[1]!.posted.map((m) => m.kind)).toEqual(['init']); // nothing replayed into it
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

  it('replaces a timed-out worker with the spare and replays the problem into it', async () => {
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

  it('does not replay the cell whose callback broke the worker after it ended', async () => {
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

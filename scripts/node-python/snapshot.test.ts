// Memory snapshots for real: a full start hands one over, the next start comes back from it and behaves the same,
// and a snapshot that does not fit or does not load ends in an ordinary full start.
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { PythonSandbox, SnapshotStore } from '../../src/sandbox/python-sandbox.ts';
import {
  createNodeSandbox,
  ensurePythonPrepared,
  memorySnapshotStore as memoryStore,
} from './node-sandbox.ts';

// Same cells in a full start and in a restored one: the texts must be identical, tracebacks included.
const CELLS = [
  '1 + 1',
  "from sympy import symbols, solve, Rational\nx = symbols('x')\nsolve(x**2 - 5*x + 6, x), Rational(3, 7) + Rational(1, 3)",
  // Not imported at start-up: its files must be back on the file system after a restore.
  "import sys\nbefore = 'sympy.physics.units' in sys.modules\nfrom sympy.physics.units import meter\nbefore, meter",
  // A traceback through SymPy's own source lines.
  'from sympy import Matrix\nMatrix([[1, 2]]).inv()',
  'import js',
  "sorted(k for k in dir() if not k.startswith('_'))",
];

const started: PythonSandbox[] = [];
function start(store: SnapshotStore) {
  // No spare: each start here is the one under test.
  const sandbox = createNodeSandbox({ snapshots: store, interruptGraceMs: 3000, spare: false });
  started.push(sandbox);
  return sandbox;
}
async function outputs(sandbox: PythonSandbox) {
  const texts = [];
  for (const code of CELLS) texts.push((await sandbox.run(code)).text);
  return texts;
}

beforeAll(async () => {
  await ensurePythonPrepared(() => {});
}, 180_000);
afterEach(() => {
  for (const sandbox of started.splice(0)) sandbox.dispose();
});

describe('memory snapshots', () => {
  it('a full start hands one over; the next start is restored from it and runs cells the same', async () => {
    const { store, state } = memoryStore();
    const full = start(store);
    await full.whenReady();
    expect(full.timings?.start).toBe('full');
    await vi.waitFor(() => expect(state.saved).toBe(1), { timeout: 10_000 });
    const expected = await outputs(full);
    expect(expected[0]).toBe('2');
    expect(expected[2]).toBe('(False, meter)');
    expect(expected[3]).toContain('NonSquareMatrixError');
    expect(expected[3]).toMatch(/site-packages\/sympy\/matrices\/.*\n.*\d+ /);
    expect(expected[4]).toContain("ModuleNotFoundError: No module named 'js'");

    const restored = start(store);
    await restored.whenReady();
    expect(restored.timings?.start).toBe('snapshot');
    expect(await outputs(restored)).toEqual(expected);
    // The interrupt buffer is set after the restore: an endless loop still stops at its limit.
    const loop = await restored.run('while True:\n    pass', { timeoutMs: 500 });
    expect(loop).toMatchObject({ timedOut: true, error: true });
    expect((await restored.run('x')).text).toBe('x');
    expect(state.saved).toBe(1); // a restored worker does not make another one
  }, 180_000);

  it('a snapshot that fails to load is discarded, remembered as refused, and the start goes on in full', async () => {
    const { store, state } = memoryStore();
    const first = start(store);
    await first.whenReady();
    await vi.waitFor(() => expect(state.saved).toBe(1), { timeout: 10_000 });
    first.dispose();
    // Same key, damaged heap: Pyodide takes it, the restored interpreter cannot answer.
    const good = state.current!;
    const damaged = new Uint8Array(good.heap.slice(0));
    damaged.fill(0x5a, damaged.length >> 1, (damaged.length >> 1) + (4 << 20));
    state.current = { ...good, heap: damaged.buffer };

    const sandbox = start(store);
    await sandbox.whenReady();
    expect(sandbox.timings?.start).toBe('full');
    expect(state.discarded).toEqual([{ key: good.key, failed: true }]);
    expect(state.refusedKey).toBe(good.key);
    expect(state.saved).toBe(1); // not made again for a key that failed here
    expect((await sandbox.run('6 * 7')).text).toBe('42');
  }, 180_000);

  it('a snapshot made for other files or another kernel is replaced', async () => {
    const { store, state } = memoryStore();
    state.current = {
      key: 'other-build',
      heap: new ArrayBuffer(1024),
      files: new ArrayBuffer(1024),
    };
    const sandbox = start(store);
    await sandbox.whenReady();
    expect(sandbox.timings?.start).toBe('full');
    expect(state.discarded).toEqual([{ key: 'other-build', failed: false }]);
    await vi.waitFor(() => expect(state.saved).toBe(1), { timeout: 10_000 });
    expect(state.current?.key).not.toBe('other-build');
    expect((await sandbox.run('6 * 7')).text).toBe('42');
  }, 180_000);
});

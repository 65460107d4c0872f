import { afterEach, describe, expect, it, vi } from 'vitest';
import { LOW_MEMORY_NOTE, SPARE_FAILED_NOTE, SparePool } from './spare-pool';
import type { FromWorker } from './protocol';
import type { WorkerSlot } from './worker-slot';

const ready: FromWorker = { kind: 'ready', timings: { pyodideMs: 1, packagesMs: 1, sympyMs: 1 } };

function fakeSlot(): WorkerSlot {
  return { started: false, memoryBytes: null, terminate: vi.fn() } as unknown as WorkerSlot;
}

function pool(options: { wanted?: boolean; maxBytes?: number } = {}) {
  const launched: WorkerSlot[] = [];
  const changes: boolean[] = [];
  const spare = new SparePool({
    wanted: options.wanted ?? true,
    maxBytes: options.maxBytes ?? 100,
    launch: () => {
      const slot = fakeSlot();
      launched.push(slot);
      return slot;
    },
    changed: (noted) => changes.push(noted),
  });
  return { spare, launched, changes };
}

afterEach(() => vi.unstubAllGlobals());

describe('SparePool', () => {
  it('warms one spare, hands it over, and launches a worker when there is none', () => {
    const { spare, launched } = pool();
    spare.warm();
    spare.warm();
    expect(launched).toHaveLength(1);
    expect(spare.loading).toBe(true);
    expect(spare.is(launched[0]!)).toBe(true);
    expect(spare.take()).toBe(launched[0]);
    expect(spare.loading).toBe(false);
    expect(spare.take()).toBe(launched[1]);
  });

  it('lets go of a spare over the memory bound and keeps none from then on, saying why', () => {
    const { spare, launched, changes } = pool({ maxBytes: 100 });
    spare.warm();
    Object.assign(launched[0]!, { started: true, memoryBytes: 101 });
    expect(spare.info).toEqual({ ready: true, memoryBytes: 101, off: null });
    spare.hear(ready);
    expect(launched[0]!.terminate).toHaveBeenCalled();
    expect(spare.info).toEqual({ ready: false, memoryBytes: null, off: LOW_MEMORY_NOTE });
    expect(changes.at(-1)).toBe(true);
    spare.warm();
    expect(launched).toHaveLength(1);
  });

  it('keeps a spare within the bound, and none after one broke', () => {
    const { spare, launched } = pool({ maxBytes: 100 });
    spare.warm();
    Object.assign(launched[0]!, { started: true, memoryBytes: 100 });
    spare.hear(ready);
    expect(spare.ready).toBe(true);
    spare.drop(SPARE_FAILED_NOTE);
    expect(spare.note).toBe(SPARE_FAILED_NOTE);
    spare.warm();
    expect(launched).toHaveLength(1);
  });

  it('lets go of a spare that says anything but ready: a spare runs nothing', () => {
    const { spare, launched } = pool();
    spare.warm();
    spare.hear({ kind: 'progress', text: 'Loading SymPy…' });
    expect(launched[0]!.terminate).not.toHaveBeenCalled();
    spare.hear({ kind: 'uncaught', id: null });
    expect(launched[0]!.terminate).toHaveBeenCalled();
    expect(spare.note).toBe(SPARE_FAILED_NOTE);
  });

  it('keeps no spare on a device short of memory, or when none is wanted', () => {
    vi.stubGlobal('navigator', { deviceMemory: 1 });
    const short = pool();
    short.spare.warm();
    expect(short.launched).toHaveLength(0);
    expect(short.spare.note).toBe(LOW_MEMORY_NOTE);
    vi.unstubAllGlobals();
    const off = pool({ wanted: false });
    off.spare.warm();
    expect(off.launched).toHaveLength(0);
    expect(off.spare.note).toBeNull();
  });
});

import { describe, expect, it, vi } from 'vitest';
import type { FromWorker, SnapshotParts, ToWorker } from './protocol';
import type { SnapshotStore } from './snapshot-store';
import type { WorkerEvents } from './types';
import { WorkerSlot, serialStore, type SlotEvents } from './worker-slot';

function slotWith(options: { snapshots?: SnapshotStore | null; allowInterrupt?: boolean } = {}) {
  let events!: WorkerEvents;
  const posted: ToWorker[] = [];
  const terminate = vi.fn();
  const seen: FromWorker[] = [];
  const faults: string[] = [];
  const slotEvents: SlotEvents = {
    message: (_, message) => seen.push(message),
    fault: (_, error) => faults.push(error.name),
  };
  const slot = new WorkerSlot({
    createWorker: (given) => {
      events = given;
      return { post: (message) => posted.push(message), terminate };
    },
    indexUrl: '/app/pyodide/',
    allowInterrupt: options.allowInterrupt ?? false,
    snapshots: options.snapshots ?? null,
    events: slotEvents,
  });
  return { slot, posted, seen, faults, terminate, send: (m: unknown) => events.message(m) };
}

const parts: SnapshotParts = { key: 'k', heap: new ArrayBuffer(1), files: new ArrayBuffer(1) };
const timings = { pyodideMs: 1, packagesMs: 1, sympyMs: 1 };

describe('WorkerSlot', () => {
  it('starts the worker for the served folder and is loading until it says ready', () => {
    const { slot, posted, seen, send } = slotWith();
    expect(posted).toEqual([{ kind: 'init', indexUrl: '/app/pyodide/', interruptBuffer: null }]);
    expect(slot.state).toBe('loading');
    send({ kind: 'ready', timings, memoryBytes: 5, policy: true });
    expect(slot).toMatchObject({ state: 'started', timings, memoryBytes: 5, policy: true });
    expect(seen.map((m) => m.kind)).toEqual(['ready']);
    slot.post({ kind: 'run', id: 1, code: '1' });
    expect(slot.state).toBe('used');
  });

  it('hands the stored snapshot to the worker, and keeps a new one only before ready', async () => {
    const save = vi.fn(async () => {});
    const store: SnapshotStore = {
      load: async () => ({ snapshot: null, refusedKey: 'old' }),
      save,
      discard: async () => {},
    };
    const { posted, seen, send } = slotWith({ snapshots: store });
    await vi.waitFor(() => expect(posted).toHaveLength(1));
    expect(posted[0]).toMatchObject({ kind: 'init', makeSnapshot: true, refusedKey: 'old' });
    send({ kind: 'snapshot', snapshot: parts });
    send({ kind: 'ready', timings });
    send({ kind: 'snapshot', snapshot: parts }); // after ready a cell may have run: not kept
    expect(save).toHaveBeenCalledTimes(1);
    expect(seen.map((m) => m.kind)).toEqual(['ready']);
  });

  it('reports a message outside the protocol as a fault, and nothing once let go', () => {
    const { slot, faults, seen, send, terminate } = slotWith();
    send({ kind: 'result', id: 1, result: { text: 'forged' } });
    expect(faults).toEqual(['ProtocolError']);
    slot.terminate();
    expect(terminate).toHaveBeenCalled();
    send({ kind: 'progress', text: 'late' });
    expect(seen).toEqual([]);
  });

  it('sets and clears the shared interrupt flag, and says when it has none', () => {
    const shared = slotWith({ allowInterrupt: true });
    const flag = new Int32Array(
      (shared.posted[0] as { interruptBuffer: SharedArrayBuffer }).interruptBuffer,
    );
    expect(shared.slot.interrupt()).toBe(true);
    expect(flag[0]).toBe(2);
    shared.slot.clearInterrupt();
    expect(flag[0]).toBe(0);
    expect(slotWith().slot.interrupt()).toBe(false);
  });
});

describe('serialStore', () => {
  it('runs operations one at a time, in order, and turns failures into nothing', async () => {
    const order: string[] = [];
    let release!: () => void;
    const slow = new Promise<void>((resolve) => (release = resolve));
    const store = serialStore({
      load: async () => {
        throw new Error('no cache');
      },
      save: async () => {
        await slow;
        order.push('save');
      },
      discard: async () => {
        order.push('discard');
      },
    });
    const saving = store.save(parts);
    const discarding = store.discard('k', false);
    release();
    await Promise.all([saving, discarding]);
    expect(order).toEqual(['save', 'discard']);
    await expect(store.load()).resolves.toEqual({ snapshot: null, refusedKey: null });
  });
});

// The client's side of memory snapshots: what it sends the worker, what it keeps, what it refuses to keep;
// and the Cache API store, against an in-memory CacheStorage.
import { describe, expect, it, vi } from 'vitest';
import type { FromWorker, SnapshotParts, ToWorker } from './protocol';
import { PythonSandbox, type SnapshotStore, type WorkerEvents } from './python-sandbox';
import { cacheSnapshotStore } from './snapshot-store';

const timings = { pyodideMs: 1, packagesMs: 1, sympyMs: 1, start: 'full' } as const;
const parts = (key: string): SnapshotParts => ({
  key,
  heap: new Uint8Array([1, 2, 3, 4]).buffer,
  files: new Uint8Array([5, 6]).buffer,
});

function fakeStore(found: Awaited<ReturnType<SnapshotStore['load']>>) {
  return {
    load: vi.fn(async () => found),
    save: vi.fn(async () => {}),
    discard: vi.fn(async () => {}),
  } satisfies SnapshotStore;
}

function sandboxWith(store: SnapshotStore) {
  const workers: Array<{ events: WorkerEvents; posted: ToWorker[] }> = [];
  const sandbox = new PythonSandbox({
    baseUrl: '/app/',
    allowInterrupt: false,
    snapshots: store,
    spare: false, // one worker at a time: `reply` answers the last one made
    createWorker: (events) => {
      const worker = { events, posted: [] as ToWorker[] };
      workers.push(worker);
      return { post: (message) => worker.posted.push(message), terminate: () => {} };
    },
  });
  const reply = (message: FromWorker) => workers.at(-1)!.events.message(message);
  return { sandbox, workers, reply };
}

describe('PythonSandbox with a snapshot store', () => {
  it('sends the stored snapshot and the refused key with init, and asks for a new one', async () => {
    const heap = new Blob([new Uint8Array(8)]);
    const files = new Blob([new Uint8Array(2)]);
    const store = fakeStore({ snapshot: { key: 'k1', heap, files }, refusedKey: 'k0' });
    const { sandbox, workers } = sandboxWith(store);
    sandbox.start();
    await vi.waitFor(() => expect(workers[0]!.posted).toHaveLength(1));
    expect(workers[0]!.posted[0]).toEqual({
      kind: 'init',
      indexUrl: '/app/pyodide/',
      interruptBuffer: null,
      snapshot: { key: 'k1', heap, files },
      makeSnapshot: true,
      refusedKey: 'k0',
    });
  });

  it('keeps a snapshot sent before ready, and never one sent after', async () => {
    const store = fakeStore({ snapshot: null, refusedKey: null });
    const { sandbox, workers, reply } = sandboxWith(store);
    sandbox.start();
    await vi.waitFor(() => expect(workers[0]!.posted).toHaveLength(1));
    reply({ kind: 'snapshot', snapshot: parts('k1') });
    reply({ kind: 'ready', timings });
    await sandbox.whenReady();
    // After ready a cell may have run: whatever the worker sends now is not a clean state.
    reply({ kind: 'snapshot', snapshot: parts('k2') });
    await vi.waitFor(() => expect(store.save).toHaveBeenCalledTimes(1));
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(store.save).toHaveBeenCalledTimes(1);
    expect(store.save.mock.calls[0]).toEqual([parts('k1')]);
  });

  it('never keeps a snapshot from a worker that is restoring earlier cells after a restart', async () => {
    const store = fakeStore({ snapshot: null, refusedKey: null });
    const { sandbox, workers, reply } = sandboxWith(store);
    sandbox.start();
    await vi.waitFor(() => expect(workers[0]!.posted).toHaveLength(1));
    reply({ kind: 'ready', timings });
    const cell = sandbox.run('x = 1');
    const run = workers[0]!.posted.find((m) => m.kind === 'run')!;
    reply({ kind: 'started', id: run.id });
    reply({
      kind: 'result',
      id: run.id,
      result: { text: '', stream: '', error: false, interrupted: false },
    });
    await cell;
    // A crash: the fresh worker starts, says ready, and gets the earlier cells to restore (model code).
    workers[0]!.events.error({ name: 'WorkerError', message: 'gone', code: 'crashed' });
    await vi.waitFor(() => expect(workers[1]?.posted).toHaveLength(1));
    reply({ kind: 'ready', timings });
    expect(workers[1]!.posted.at(-1)).toMatchObject({ kind: 'restore' });
    reply({ kind: 'snapshot', snapshot: parts('poisoned') });
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(store.save).not.toHaveBeenCalled();
  });

  it('discards a snapshot the worker rejected, saying whether it failed to load', async () => {
    const store = fakeStore({ snapshot: null, refusedKey: null });
    const { sandbox, workers, reply } = sandboxWith(store);
    sandbox.start();
    await vi.waitFor(() => expect(workers[0]!.posted).toHaveLength(1));
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    reply({ kind: 'snapshot-rejected', key: 'old', failed: false, reason: 'other files' });
    reply({ kind: 'snapshot-rejected', key: 'bad', failed: true, reason: 'out of bounds' });
    await vi.waitFor(() => expect(store.discard).toHaveBeenCalledTimes(2));
    expect(store.discard.mock.calls).toEqual([
      ['old', false],
      ['bad', true],
    ]);
    warn.mockRestore();
  });

  it('starts without a snapshot when the store cannot be read', async () => {
    const store = fakeStore({ snapshot: null, refusedKey: null });
    store.load.mockRejectedValueOnce(new Error('storage blocked'));
    const { sandbox, workers } = sandboxWith(store);
    sandbox.start();
    await vi.waitFor(() => expect(workers[0]!.posted).toHaveLength(1));
    expect(workers[0]!.posted[0]).toMatchObject({ kind: 'init', snapshot: null });
  });
});

/** Enough of CacheStorage for the store: one cache, matched by URL. */
function memoryCaches() {
  const entries = new Map<string, Response>();
  const cache = {
    match: async (url: string) => entries.get(url)?.clone(),
    put: async (url: string, response: Response) => {
      // Like the real Cache API, the body is read in full before put resolves.
      const body = await response.blob();
      entries.set(url, new Response(body, { headers: response.headers }));
    },
    delete: async (url: string) => entries.delete(url),
  };
  return { storage: { open: async () => cache } as unknown as CacheStorage, entries };
}

describe('cacheSnapshotStore', () => {
  const indexUrl = 'https://tutor.example/app/pyodide/';

  it('gives back what it saved, as Blobs of the two parts, beside the Python files', async () => {
    const { storage, entries } = memoryCaches();
    const store = cacheSnapshotStore(indexUrl, storage)!;
    await store.save(parts('k1'));
    expect([...entries.keys()]).toEqual([`${indexUrl}memory-snapshot`]);
    const { snapshot, refusedKey } = await store.load();
    expect(refusedKey).toBeNull();
    expect(snapshot?.key).toBe('k1');
    expect([...new Uint8Array(await snapshot!.heap.arrayBuffer())]).toEqual([1, 2, 3, 4]);
    expect([...new Uint8Array(await snapshot!.files.arrayBuffer())]).toEqual([5, 6]);
  });

  it('drops an entry whose size does not match what it recorded', async () => {
    const { storage, entries } = memoryCaches();
    const store = cacheSnapshotStore(indexUrl, storage)!;
    await store.save(parts('k1'));
    const url = `${indexUrl}memory-snapshot`;
    const saved = entries.get(url)!;
    entries.set(url, new Response(new Uint8Array(3), { headers: saved.headers }));
    expect((await store.load()).snapshot).toBeNull();
    expect(entries.has(url)).toBe(false);
  });

  it('remembers a key that failed to load, and only discards the entry with that key', async () => {
    const { storage } = memoryCaches();
    const store = cacheSnapshotStore(indexUrl, storage)!;
    await store.save(parts('k2'));
    await store.discard('k1', true);
    expect(await store.load()).toMatchObject({ snapshot: { key: 'k2' }, refusedKey: 'k1' });
    await store.discard('k2', false);
    expect(await store.load()).toEqual({ snapshot: null, refusedKey: 'k1' });
  });

  it('is absent where there is no Cache API, and answers "nothing" when storage throws', async () => {
    expect(cacheSnapshotStore(indexUrl, undefined)).toBeNull();
    const broken = {
      open: async () => {
        throw new DOMException('denied', 'SecurityError');
      },
    } as unknown as CacheStorage;
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    expect(await cacheSnapshotStore(indexUrl, broken)!.load()).toEqual({
      snapshot: null,
      refusedKey: null,
    });
    await expect(cacheSnapshotStore(indexUrl, broken)!.save(parts('k'))).resolves.toBeUndefined();
    warn.mockRestore();
  });
});

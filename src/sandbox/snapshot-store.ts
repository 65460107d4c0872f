// Where the page keeps the Python worker's memory snapshot between visits: the Cache API, on the main thread.
// The worker never gets storage: the client takes a snapshot only from a worker that has not yet run a cell.
import type { SnapshotParts, StoredSnapshot } from './protocol';

export interface SnapshotLookup {
  snapshot: StoredSnapshot | null;
  /** The key of a snapshot that failed to load here: not worth making again. */
  refusedKey: string | null;
}

export interface SnapshotStore {
  load(): Promise<SnapshotLookup>;
  save(snapshot: SnapshotParts): Promise<void>;
  /** Drops the stored snapshot with this key; `failed` also remembers the key as refused. */
  discard(key: string, failed: boolean): Promise<void>;
}

export const SNAPSHOT_CACHE = 'python-memory-snapshot';
const KEY_HEADER = 'x-snapshot-key';
const HEAP_HEADER = 'x-snapshot-heap-bytes';
const FILES_HEADER = 'x-snapshot-files-bytes';

const nothing: SnapshotLookup = { snapshot: null, refusedKey: null };

/** The Cache API store for snapshots of the Python files under `indexUrl`, or null where there is no Cache API. */
export function cacheSnapshotStore(
  indexUrl: string,
  storage: CacheStorage | undefined = (globalThis as { caches?: CacheStorage }).caches,
): SnapshotStore | null {
  if (!storage) return null;
  // Beside the files it was made from, so two deployments on one origin keep their own.
  const current = new URL('memory-snapshot', indexUrl).href;
  const refused = new URL('memory-snapshot-refused', indexUrl).href;
  const open = () => storage.open(SNAPSHOT_CACHE);

  return {
    async load() {
      try {
        const cache = await open();
        const [stored, refusedEntry] = await Promise.all([
          cache.match(current),
          cache.match(refused),
        ]);
        const refusedKey = refusedEntry ? await refusedEntry.text() : null;
        const key = stored?.headers.get(KEY_HEADER);
        const heapBytes = Number(stored?.headers.get(HEAP_HEADER));
        const filesBytes = Number(stored?.headers.get(FILES_HEADER));
        if (!stored || !key || !(heapBytes > 0) || !(filesBytes > 0)) {
          return { snapshot: null, refusedKey };
        }
        // A Blob, not bytes: the worker reads it from disk while Pyodide starts, and the page keeps no copy.
        const blob = await stored.blob();
        // A write cut short (tab closed, disk full) must not reach Pyodide.
        if (blob.size !== heapBytes + filesBytes) {
          await cache.delete(current);
          return { snapshot: null, refusedKey };
        }
        const heap = blob.slice(0, heapBytes);
        return { snapshot: { key, heap, files: blob.slice(heapBytes) }, refusedKey };
      } catch (error) {
        // Storage blocked (a third-party iframe, private mode) or broken: start without a snapshot.
        console.warn('[sandbox] no stored memory snapshot:', error);
        return nothing;
      }
    },
    async save({ key, heap, files }) {
      try {
        const headers = {
          [KEY_HEADER]: key,
          [HEAP_HEADER]: String(heap.byteLength),
          [FILES_HEADER]: String(files.byteLength),
          'content-type': 'application/octet-stream',
        };
        await (await open()).put(current, new Response(new Blob([heap, files]), { headers }));
      } catch (error) {
        // Out of quota or storage blocked: the next visit starts in full, as this one did.
        console.warn('[sandbox] the memory snapshot was not stored:', error);
      }
    },
    async discard(key, failed) {
      try {
        const cache = await open();
        const stored = await cache.match(current);
        if (stored?.headers.get(KEY_HEADER) === key) await cache.delete(current);
        if (failed) await cache.put(refused, new Response(key));
      } catch (error) {
        console.warn('[sandbox] the memory snapshot could not be removed:', error);
      }
    },
  };
}

// Pyodide memory snapshots (its private `_makeSnapshot` / `_loadSnapshot` API, Pyodide 314): helpers for the worker.
// A snapshot is the WebAssembly heap plus a table of the JS objects Python held; the file system is not in it.
import type { loadPyodide } from 'pyodide';
import type { KernelSources } from './protocol';

export type CreatePyodideModule = NonNullable<
  NonNullable<Parameters<typeof loadPyodide>[0]>['createPyodideModule']
>;

/** Bump when what goes into a snapshot changes in a way the hashed inputs do not show. */
const SNAPSHOT_FORMAT = 1;

/** The key a snapshot is valid for: Pyodide's build, the served files (manifest) and the kernel's sources. */
export async function snapshotKey(
  pyodideVersion: string,
  manifest: Uint8Array,
  sources: KernelSources,
): Promise<string> {
  const kernel = Object.keys(sources)
    .sort()
    .map((name) => `${name}\n${sources[name]}`)
    .join('\n\u0000\n');
  const head = new TextEncoder().encode(`${SNAPSHOT_FORMAT}\n${pyodideVersion}\n${kernel}\n`);
  const all = new Uint8Array(head.length + manifest.length);
  all.set(head);
  all.set(manifest, head.length);
  return `${pyodideVersion}-${(await sha256Hex(all)).slice(0, 32)}`;
}

/**
 * Pyodide sizes the memory it restores into from its own initial size, which is smaller than a heap with SymPy
 * in it; this factory grows the new module's memory to the snapshot's heap before Pyodide copies it in.
 */
export function growingFactory(create: CreatePyodideModule, snapshot: Promise<Uint8Array>) {
  const factory: CreatePyodideModule = async (settings) => {
    const bytes = await snapshot;
    const header = new Uint32Array(bytes.buffer, bytes.byteOffset, 2);
    const heapBytes = bytes.byteLength - header[1]!;
    const module = (await create(settings)) as unknown as {
      HEAP8: Int8Array;
      _malloc(bytes: number): number;
    };
    // Growing through malloc lets Emscripten refresh its views of the memory; the heap is overwritten next.
    for (let i = 0; module.HEAP8.length < heapBytes && i < 64; i++)
      module._malloc(heapBytes - module.HEAP8.length + 65536);
    if (module.HEAP8.length < heapBytes) throw new Error('could not grow memory for the snapshot');
    return module as never;
  };
  return factory;
}

/** Pyodide's own check of a snapshot's first word (its magic number), so garbage fails early and clearly. */
export function looksLikeSnapshot(bytes: ArrayBuffer): boolean {
  if (bytes.byteLength < 64 || bytes.byteLength % 4 !== 0) return false;
  const header = new Uint32Array(bytes, 0, 2);
  return header[0] === 1886286592 && header[1]! < bytes.byteLength;
}

export async function sha256Hex(bytes: Uint8Array): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>);
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}

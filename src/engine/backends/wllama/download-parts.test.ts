import { describe, expect, it } from 'vitest';
import { EngineError } from '../../errors';
import type { LoadProgress } from '../../types';
import { downloadParts, type PartSource } from './download-parts';
import { GGUF_CACHE_NAME, PartStore } from '../../storage/part-store';
import { FakeCacheStorage } from '../../storage/fake-cache';

const A = 'http://app.test/models/m/a.gguf';
const B = 'http://app.test/models/m/b.gguf';
const bytesA = new Uint8Array(3000).fill(1);
const bytesB = new Uint8Array(5000).fill(2);
const files: Record<string, Uint8Array> = { [A]: bytesA, [B]: bytesB };

interface ServerOptions {
  /** Ends this URL's body with a network error after half of it. */
  cutShort?: string;
  /** Sends this URL with fewer bytes than its Content-Length says. */
  truncated?: string;
}

function server(options: ServerOptions = {}) {
  const requests: string[] = [];
  const fetchImpl = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = String(input);
    requests.push(url);
    const bytes = files[url];
    if (!bytes)
      return new Response('<!doctype html>', {
        status: 404,
        headers: { 'content-type': 'text/html' },
      });
    const half = Math.floor(bytes.byteLength / 2);
    const body = new ReadableStream<Uint8Array>({
      async start(controller) {
        controller.enqueue(bytes.slice(0, half));
        await new Promise((r) => setTimeout(r, 20));
        if (init?.signal?.aborted)
          return controller.error(new DOMException('aborted', 'AbortError'));
        if (options.cutShort === url) return controller.error(new TypeError('network error'));
        controller.enqueue(bytes.slice(half, options.truncated === url ? half + 10 : undefined));
        controller.close();
      },
    });
    return new Response(body, { headers: { 'content-length': String(bytes.byteLength) } });
  }) as typeof fetch;
  return { fetchImpl, requests };
}

const parts: PartSource[] = [{ url: A }, { url: B, sizeBytes: bytesB.byteLength }];

async function run(store: PartStore | null, fetchImpl: typeof fetch, signal?: AbortSignal) {
  const progress: LoadProgress[] = [];
  const blobs = await downloadParts(parts, {
    label: 'Test',
    onProgress: (p) => progress.push(p),
    fetchImpl,
    store,
    signal,
  });
  return { blobs, progress };
}

async function bytesOf(blob: Blob) {
  return new Uint8Array(await blob.arrayBuffer());
}

describe('downloadParts with browser storage', () => {
  it('downloads once, then loads from storage with no request', async () => {
    const storage = new FakeCacheStorage();
    const store = (await PartStore.open(storage))!;
    const first = server();
    const { blobs, progress } = await run(store, first.fetchImpl);
    expect(first.requests).toEqual([A, B]);
    expect(await bytesOf(blobs[0]!)).toEqual(bytesA);
    expect(await bytesOf(blobs[1]!)).toEqual(bytesB);
    expect(progress.at(-1)).toEqual({
      fraction: 1,
      text: 'Downloading Test: 0.0 MB of 0.0 MB (100%)',
    });
    expect(storage.caches.get(GGUF_CACHE_NAME)!.entries.size).toBe(2);

    const second = server();
    const again = await run((await PartStore.open(storage))!, second.fetchImpl);
    expect(second.requests, 'a stored model loads without the network').toEqual([]);
    expect(await bytesOf(again.blobs[1]!)).toEqual(bytesB);
    expect(again.progress.at(-1)?.text).toMatch(/^Loading Test from browser storage: .*\(100%\)$/);
  });

  it('keeps complete parts after an interrupted download and fetches only the rest on retry', async () => {
    const storage = new FakeCacheStorage();
    const store = (await PartStore.open(storage))!;
    const cut = server({ cutShort: B });
    const error = await run(store, cut.fetchImpl).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(EngineError);
    expect((error as EngineError).code).toBe('download-failed');
    expect((error as EngineError).message).toMatch(/interrupted.*try again/);
    expect((await store.state(A)).status).toBe('stored');
    expect((await store.state(B)).status, 'the cut part left nothing behind').toBe('absent');

    const retry = server();
    const { blobs } = await run(store, retry.fetchImpl);
    expect(retry.requests).toEqual([B]);
    expect(await bytesOf(blobs[1]!)).toEqual(bytesB);
  });

  it('stores no part whose size differs from what the server or the model list says', async () => {
    const storage = new FakeCacheStorage();
    const store = (await PartStore.open(storage))!;
    const error = await run(store, server({ truncated: A }).fetchImpl).catch((e: unknown) => e);
    expect((error as EngineError).code).toBe('download-failed');
    expect(String((error as Error).cause)).toMatch(/arrived incomplete: 1510 bytes of 3000/);
    expect((await store.state(A)).status).toBe('absent');
  });

  it('removes the whole model and says so when the storage is full', async () => {
    // Room for the first part but not both.
    const storage = new FakeCacheStorage(6000);
    const store = (await PartStore.open(storage))!;
    const error = await run(store, server().fetchImpl).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(EngineError);
    expect((error as EngineError).code).toBe('storage-full');
    expect((error as EngineError).message).toMatch(
      /no room to store this model \(0 MB in 2 part\(s\)\)/,
    );
    expect(storage.used(), 'nothing of the model is left taking room').toBe(0);

    storage.quotaBytes = Infinity;
    const { blobs } = await run(store, server().fetchImpl);
    expect(await bytesOf(blobs[0]!)).toEqual(bytesA);
  });

  it('names a missing part', async () => {
    const store = (await PartStore.open(new FakeCacheStorage()))!;
    const missing = [{ url: A }, { url: 'http://app.test/models/m/c.gguf' }];
    const error = await downloadParts(missing, {
      label: 'Test',
      onProgress: () => undefined,
      fetchImpl: server().fetchImpl,
      store,
    }).catch((e: unknown) => e);
    expect((error as EngineError).code).toBe('model-files-missing');
    expect((error as EngineError).message).toContain(
      'http://app.test/models/m/c.gguf is not on the server (HTTP 404)',
    );
  });

  it('calls a web page served with 200 for a part missing, never "HTTP 200"', async () => {
    const fallback = (async () =>
      new Response('<!doctype html><title>app</title>', {
        status: 200,
        headers: { 'content-type': 'text/html; charset=utf-8' },
      })) as typeof fetch;
    const error = await downloadParts([{ url: A }], {
      label: 'Test',
      onProgress: () => undefined,
      fetchImpl: fallback,
    }).catch((e: unknown) => e);
    expect((error as EngineError).code).toBe('model-files-missing');
    expect((error as EngineError).message).toContain(
      `${A} is not on the server: it answered with a web page instead of the file`,
    );
    expect((error as EngineError).message).not.toContain('HTTP 200');
  });

  it('stops on abort and stores nothing unfinished', async () => {
    const store = (await PartStore.open(new FakeCacheStorage()))!;
    const controller = new AbortController();
    const running = run(store, server().fetchImpl, controller.signal);
    setTimeout(() => controller.abort(), 5);
    await expect(running).rejects.toMatchObject({ name: 'AbortError' });
    expect((await store.state(A)).status).toBe('absent');
  });

  it('downloads into memory where the browser has no Cache API', async () => {
    const { blobs } = await run(null, server().fetchImpl);
    expect(await bytesOf(blobs[0]!)).toEqual(bytesA);
    expect(await PartStore.open(undefined)).toBeNull();
  });
});

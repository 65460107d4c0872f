import { describe, expect, it } from 'vitest';
import { GGUF_CACHE_NAME, GGUF_INDEX_CACHE_NAME, PartStore } from './part-store';
import { FakeCacheStorage } from './fake-cache';

const URL_A = 'http://app.test/a.gguf';

function stream(bytes: Uint8Array): ReadableStream<Uint8Array> {
  return new Response(bytes as Uint8Array<ArrayBuffer>).body!;
}

describe('PartStore', () => {
  it('counts a part as stored only with a completion record of the same size', async () => {
    const storage = new FakeCacheStorage();
    const store = (await PartStore.open(storage))!;
    expect(await store.state(URL_A)).toEqual({ status: 'absent' });
    await store.write(URL_A, stream(new Uint8Array(100)), 100);
    expect(await store.state(URL_A)).toEqual({ status: 'stored', bytes: 100 });
    expect(await store.state(URL_A, 101), 'the model list says another size').toEqual({
      status: 'broken',
    });

    // Bytes without their record: a write that ended before the record was written.
    await storage.caches.get(GGUF_INDEX_CACHE_NAME)!.delete(URL_A);
    expect(await store.state(URL_A)).toEqual({ status: 'broken' });
    expect(await store.read(URL_A)).toBeNull();

    // A record whose size disagrees with the bytes.
    await store.write(URL_A, stream(new Uint8Array(100)));
    await storage.caches.get(GGUF_CACHE_NAME)!.put(URL_A, new Response(new Uint8Array(60)));
    expect(await store.state(URL_A)).toEqual({ status: 'broken' });

    expect(await store.remove(URL_A)).toBe(true);
    expect(await store.state(URL_A)).toEqual({ status: 'absent' });
  });
});

import type { CacheLike, CacheStorageLike } from './part-store';

/** An in-memory Cache API: put stores a body only once it has been read whole, as browsers do. */
export class FakeCache implements CacheLike {
  readonly entries = new Map<string, Blob>();
  constructor(private readonly room: { quotaBytes: number; used: () => number }) {}

  async match(url: string): Promise<Response | undefined> {
    const blob = this.entries.get(url);
    return blob ? new Response(blob) : undefined;
  }

  async put(url: string, response: Response): Promise<void> {
    const blob = await response.blob();
    if (this.room.used() + blob.size > this.room.quotaBytes) {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    }
    this.entries.set(url, blob);
  }

  async delete(url: string): Promise<boolean> {
    return this.entries.delete(url);
  }
}

export class FakeCacheStorage implements CacheStorageLike {
  readonly caches = new Map<string, FakeCache>();
  constructor(public quotaBytes = Infinity) {}

  used(): number {
    let n = 0;
    for (const cache of this.caches.values()) for (const b of cache.entries.values()) n += b.size;
    return n;
  }

  async open(name: string): Promise<FakeCache> {
    let cache = this.caches.get(name);
    if (!cache) {
      const room = { quotaBytes: 0, used: () => this.used() };
      Object.defineProperty(room, 'quotaBytes', { get: () => this.quotaBytes });
      cache = new FakeCache(room);
      this.caches.set(name, cache);
    }
    return cache;
  }
}

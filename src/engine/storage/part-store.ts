// GGUF parts kept in the browser's Cache API between visits: one entry per part URL, the bytes exactly as served
// (MathCoder's token retyping is applied in memory at each load, so nothing is stored twice).

/** The cache holding the parts' bytes. A service worker must leave these URLs to it rather than cache them again. */
export const GGUF_CACHE_NAME = 'gguf-parts-v1';
/** Completion records: a part counts as stored only once its record exists and its size matches it. */
export const GGUF_INDEX_CACHE_NAME = 'gguf-parts-v1-index';

/** The part of the Cache API the store uses (the browser's in the app, a fake in tests). */
export interface CacheLike {
  match(request: string): Promise<Response | undefined>;
  put(request: string, response: Response): Promise<void>;
  delete(request: string): Promise<boolean>;
}

export interface CacheStorageLike {
  open(name: string): Promise<CacheLike>;
}

interface PartRecord {
  bytes: number;
  storedAt: string;
}

export type PartState =
  | { status: 'stored'; bytes: number }
  | { status: 'absent' }
  /** Bytes without a matching record: an interrupted or damaged write, deleted before the next download. */
  | { status: 'broken' };

/** Thrown when the browser refuses to store more (QuotaExceededError). */
export class StorageFullError extends Error {
  override name = 'StorageFullError';
}

export function isQuotaError(error: unknown): boolean {
  return (
    (error instanceof DOMException || error instanceof Error) &&
    (error.name === 'QuotaExceededError' || /quota/i.test(error.message))
  );
}

/** Stored GGUF parts, keyed by their absolute URL. */
export class PartStore {
  constructor(
    private readonly parts: CacheLike,
    private readonly index: CacheLike,
  ) {}

  /** The store, or null where the browser offers no Cache API (insecure page, some private modes). */
  static async open(
    storage: CacheStorageLike | undefined = globalThis.caches,
  ): Promise<PartStore | null> {
    if (!storage) return null;
    try {
      return new PartStore(
        await storage.open(GGUF_CACHE_NAME),
        await storage.open(GGUF_INDEX_CACHE_NAME),
      );
    } catch {
      return null;
    }
  }

  /** What is stored for `url`; `expectedBytes` (from the catalog) must match too when given. Reads no bytes. */
  async state(url: string, expectedBytes?: number): Promise<PartState> {
    const [body, recordResponse] = await Promise.all([
      this.parts.match(url),
      this.index.match(url),
    ]);
    if (!body) return recordResponse ? { status: 'broken' } : { status: 'absent' };
    const record = recordResponse ? await readRecord(recordResponse) : null;
    // Cache API bodies are disk-backed: blob() gives the size without reading the bytes.
    const size = (await body.blob()).size;
    const complete =
      record !== null &&
      record.bytes === size &&
      size > 0 &&
      (!expectedBytes || expectedBytes === size);
    return complete ? { status: 'stored', bytes: size } : { status: 'broken' };
  }

  /** The stored part as a disk-backed Blob, or null when it is not completely stored. */
  async read(url: string, expectedBytes?: number): Promise<Blob | null> {
    if ((await this.state(url, expectedBytes)).status !== 'stored') return null;
    const body = await this.parts.match(url);
    return body ? body.blob() : null;
  }

  /**
   * Streams `body` into the store and returns the stored part. The record is written last, so a write cut short
   * (tab closed, network lost) never counts as stored; a size that differs from `expectedBytes` is deleted.
   */
  async write(
    url: string,
    body: ReadableStream<Uint8Array>,
    expectedBytes?: number,
  ): Promise<Blob> {
    await this.remove(url);
    let received = 0;
    const counted = body.pipeThrough(
      new TransformStream<Uint8Array, Uint8Array>({
        transform(chunk, controller) {
          received += chunk.byteLength;
          controller.enqueue(chunk);
        },
      }),
    );
    try {
      await this.parts.put(
        url,
        new Response(counted, { headers: { 'Content-Type': 'application/octet-stream' } }),
      );
      const stored = await this.parts.match(url);
      const blob = stored ? await stored.blob() : null;
      if (!blob || blob.size !== received || (expectedBytes && expectedBytes !== received)) {
        throw new Error(
          `${url} arrived incomplete: ${received} bytes${expectedBytes ? ` of ${expectedBytes}` : ''}.`,
        );
      }
      const record: PartRecord = { bytes: received, storedAt: new Date().toISOString() };
      await this.index.put(
        url,
        new Response(JSON.stringify(record), { headers: { 'Content-Type': 'application/json' } }),
      );
      return blob;
    } catch (error) {
      await this.remove(url);
      if (isQuotaError(error)) {
        throw new StorageFullError(`The browser refused to store ${url}: its storage is full.`, {
          cause: error,
        });
      }
      throw error;
    }
  }

  /** A small JSON note kept beside the parts (a remote file's size and checksum), or null when there is none. */
  async readNote<T>(key: string): Promise<T | null> {
    const response = await this.index.match(key);
    if (!response) return null;
    try {
      return (await response.json()) as T;
    } catch {
      return null;
    }
  }

  async writeNote(key: string, value: unknown): Promise<void> {
    await this.index.put(
      key,
      new Response(JSON.stringify(value), { headers: { 'Content-Type': 'application/json' } }),
    );
  }

  async removeNote(key: string): Promise<void> {
    await this.index.delete(key).catch(() => false);
  }

  /** Deletes the part and its record; true when anything was there. */
  async remove(url: string): Promise<boolean> {
    const [a, b] = await Promise.all([
      this.parts.delete(url).catch(() => false),
      this.index.delete(url).catch(() => false),
    ]);
    return a || b;
  }
}

async function readRecord(response: Response): Promise<PartRecord | null> {
  try {
    const value = (await response.json()) as Partial<PartRecord>;
    return typeof value.bytes === 'number'
      ? { bytes: value.bytes, storedAt: `${value.storedAt}` }
      : null;
  } catch {
    return null;
  }
}

import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { EngineError } from '../errors';
import { PartStore } from '../storage/part-store';
import { FakeCacheStorage } from '../storage/fake-cache';
import { downloadRemoteFile, remoteFileState, removeRemoteFile } from './download-remote-file';

const URL_HUB = 'https://hub.test/owner/model/resolve/main/model.gguf';
const FILE = Uint8Array.from({ length: 1000 }, (_, i) => (i * 7) % 251);
const SHA = createHash('sha256').update(FILE).digest('hex');

interface FakeHubOptions {
  sha?: string;
  /** Range starts whose answer is cut after a few bytes. */
  dropAt?: Set<number>;
  status?: number;
}

/** A hub as fetch sees it after the redirect: Range answers with Content-Range and the LFS sha256. */
function fakeHub({ sha = SHA, dropAt = new Set(), status }: FakeHubOptions = {}) {
  const ranges: string[] = [];
  const fetchImpl = (async (_url: string, init?: RequestInit) => {
    const range = new Headers(init?.headers).get('range');
    ranges.push(range ?? 'all');
    if (status) return new Response('no', { status, headers: { 'retry-after': '30' } });
    const [, a, b] = /bytes=(\d+)-(\d+)/.exec(range ?? '') ?? [];
    const start = a ? Number(a) : 0;
    const end = b ? Number(b) + 1 : FILE.length;
    const body = FILE.slice(start, end);
    const headers = {
      'content-range': `bytes ${start}-${end - 1}/${FILE.length}`,
      'x-linked-etag': `"${sha}"`,
      'content-type': 'application/octet-stream',
    };
    if (dropAt.has(start) && end - start > 1) {
      dropAt.delete(start);
      const cut = new ReadableStream<Uint8Array>({
        start(c) {
          c.enqueue(body.slice(0, 10));
          c.error(new TypeError('network error'));
        },
      });
      return new Response(cut, { status: 206, headers });
    }
    return new Response(body, { status: range ? 206 : 200, headers });
  }) as typeof fetch;
  return { fetchImpl, ranges };
}

async function setUp() {
  return (await PartStore.open(new FakeCacheStorage()))!;
}

/** 300-byte pieces fetched one after the other, so a drop leaves a known set stored. */
const onePieceAtATime = (store: PartStore, fetchImpl: typeof fetch) => ({
  label: 'M',
  store,
  pieceBytes: 300,
  parallel: 1,
  fetchImpl,
  onProgress: () => {},
});

const bytesOf = async (blob: Blob) => new Uint8Array(await blob.arrayBuffer());

describe('a large model file from the hub', () => {
  it('is downloaded in pieces, checked against the sha256 the hub publishes, and then read from storage', async () => {
    const store = await setUp();
    const hub = fakeHub();
    const texts: string[] = [];
    const options = {
      label: 'MathCoder',
      store,
      pieceBytes: 300,
      fetchImpl: hub.fetchImpl,
      onProgress: (p: { text: string }) => texts.push(p.text),
    };
    expect(await bytesOf(await downloadRemoteFile(URL_HUB, options))).toEqual(FILE);
    expect(hub.ranges.sort()).toEqual(
      ['bytes=0-0', 'bytes=0-299', 'bytes=300-599', 'bytes=600-899', 'bytes=900-999'].sort(),
    );
    expect(texts).toContain('Downloading MathCoder: 0.0 MB of 0.0 MB (100%)');
    expect(texts.at(-1)).toBe('Checking the download of MathCoder (sha256): 100%');
    expect(await remoteFileState(URL_HUB, store)).toEqual({
      status: 'downloaded',
      storedBytes: 1000,
    });

    // Stored and checked: no request at all, so it loads offline.
    hub.ranges.length = 0;
    expect(await bytesOf(await downloadRemoteFile(URL_HUB, options))).toEqual(FILE);
    expect(hub.ranges).toEqual([]);
  });

  it('keeps finished pieces when a connection drops, and the next try fetches only the rest', async () => {
    const store = await setUp();
    const hub = fakeHub({ dropAt: new Set([600]) });
    const options = onePieceAtATime(store, hub.fetchImpl);
    const failure = await downloadRemoteFile(URL_HUB, options).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(EngineError);
    expect((failure as EngineError).code).toBe('download-failed');
    expect((failure as Error).message).toMatch(/connection dropped.*kept/);
    expect(await remoteFileState(URL_HUB, store)).toEqual({ status: 'partial', storedBytes: 600 });

    hub.ranges.length = 0;
    expect(await bytesOf(await downloadRemoteFile(URL_HUB, options))).toEqual(FILE);
    expect(hub.ranges).toEqual(['bytes=0-0', 'bytes=600-899', 'bytes=900-999']);
  });

  it('refuses and removes a file whose sha256 differs from the hub’s', async () => {
    const store = await setUp();
    const hub = fakeHub({ sha: 'ab'.repeat(32) });
    const failure = await downloadRemoteFile(URL_HUB, {
      label: 'M',
      store,
      pieceBytes: 300,
      fetchImpl: hub.fetchImpl,
      onProgress: () => {},
    }).catch((e: unknown) => e);
    expect((failure as Error).message).toMatch(/does not match the checksum.*removed/);
    expect(await remoteFileState(URL_HUB, store)).toEqual({ status: 'absent', storedBytes: 0 });
  });

  it('says what a 404 and a 429 mean', async () => {
    const store = await setUp();
    const run = (status: number) =>
      downloadRemoteFile(URL_HUB, {
        label: 'M',
        store,
        fetchImpl: fakeHub({ status }).fetchImpl,
        onProgress: () => {},
      }).then(
        () => {
          throw new Error('expected a refusal');
        },
        (e: unknown) => e as EngineError,
      );
    const missing = await run(404);
    expect(missing.code).toBe('model-files-missing');
    expect(missing.message).toMatch(/no file model\.gguf .*HTTP 404.*renamed or removed/);
    const limited = await run(429);
    expect(limited.code).toBe('download-failed');
    expect(limited.message).toMatch(/limiting downloads .*HTTP 429.*about 30 s/);
  });

  it('starts again when the hub’s file changed since the pieces were stored', async () => {
    const store = await setUp();
    const hub = fakeHub({ dropAt: new Set([300]) });
    const options = onePieceAtATime(store, hub.fetchImpl);
    await downloadRemoteFile(URL_HUB, options).catch(() => {});
    const changed = fakeHub({ sha: SHA.replace(/^./, 'f') });
    await downloadRemoteFile(URL_HUB, { ...options, fetchImpl: changed.fetchImpl }).catch(() => {});
    expect(changed.ranges, 'the piece stored from the old file is fetched again').toContain(
      'bytes=0-299',
    );
    await removeRemoteFile(URL_HUB, store);
    expect(await remoteFileState(URL_HUB, store)).toEqual({ status: 'absent', storedBytes: 0 });
  });
});

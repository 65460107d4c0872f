import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { parseByteRange } from './byte-range.ts';
import { parseFileSpec, startStandInHub, type StandInHub } from './stand-in-hub.ts';

const repo = 'owner/model-GGUF';
const file = 'q4/model-00001-of-00002.gguf';
const bytes = randomBytes(300_000);
const sha256 = createHash('sha256').update(bytes).digest('hex');
const manual = { redirect: 'manual' } as const;

let hub: StandInHub;
let resolveUrl = '';

beforeAll(async () => {
  const folder = mkdtempSync(path.join(tmpdir(), 'stand-in-hub-'));
  writeFileSync(path.join(folder, 'model.gguf'), bytes);
  hub = await startStandInHub([{ repo, file, path: path.join(folder, 'model.gguf') }]);
  resolveUrl = `${hub.hubUrl}/${repo}/resolve/main/${file}`;
});
afterAll(() => hub.close());
afterEach(() => {
  hub.clearFailures();
  hub.requests.length = 0;
});

/** Follows the hub's redirect by hand, so the CDN request can carry headers and be looked at alone. */
async function cdnUrlOf(): Promise<string> {
  return (await fetch(resolveUrl, manual)).headers.get('location') ?? '';
}

function shaOf(data: ArrayBuffer): string {
  return createHash('sha256').update(Buffer.from(data)).digest('hex');
}

describe('parseByteRange', () => {
  it('reads closed, open and suffix ranges and clamps them to the file', () => {
    expect(parseByteRange('bytes=0-9', 100)).toEqual({ start: 0, end: 9 });
    expect(parseByteRange('bytes=90-', 100)).toEqual({ start: 90, end: 99 });
    expect(parseByteRange('bytes=90-500', 100)).toEqual({ start: 90, end: 99 });
    expect(parseByteRange('bytes=-10', 100)).toEqual({ start: 90, end: 99 });
    expect(parseByteRange('bytes=-500', 100)).toEqual({ start: 0, end: 99 });
  });

  it('ignores what it cannot read and refuses what lies beyond the file', () => {
    expect(parseByteRange(undefined, 100)).toBeNull();
    expect(parseByteRange('bytes=0-1,5-6', 100)).toBeNull();
    expect(parseByteRange('items=0-1', 100)).toBeNull();
    expect(parseByteRange('bytes=9-3', 100)).toBeNull();
    expect(parseByteRange('bytes=100-', 100)).toBe('unsatisfiable');
    expect(parseByteRange('bytes=-0', 100)).toBe('unsatisfiable');
  });
});

describe('the stand-in hub', () => {
  it('answers a resolve URL with a 302 to the CDN and the headers the real hub sends', async () => {
    const response = await fetch(resolveUrl, manual);
    expect(response.status).toBe(302);
    expect(response.headers.get('location')).toMatch(new RegExp(`^${hub.cdnUrl}/xet/${sha256}\\?`));
    expect(response.headers.get('x-linked-size')).toBe(String(bytes.length));
    expect(response.headers.get('x-linked-etag')).toBe(`"${sha256}"`);
    expect(response.headers.get('x-repo-commit')).toMatch(/^[0-9a-f]{40}$/);
    expect(response.headers.get('etag')).toMatch(/^"[0-9a-f]{40}"$/);
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    const exposed = response.headers.get('access-control-expose-headers')?.toLowerCase() ?? '';
    for (const name of [
      'x-linked-size',
      'x-linked-etag',
      'x-repo-commit',
      'etag',
      'content-range',
    ]) {
      expect(exposed).toContain(name);
    }
  });

  it('serves the whole file through the redirect as Xet storage does: no x-linked-*, no sha256 ETag', async () => {
    const response = await fetch(resolveUrl);
    expect(response.status).toBe(200);
    expect(response.headers.get('accept-ranges')).toBe('bytes');
    expect(response.headers.get('content-length')).toBe(String(bytes.length));
    expect(response.headers.get('etag')).toMatch(/^"[0-9a-f]+"$/);
    expect(response.headers.get('etag')).not.toContain(sha256);
    expect(response.headers.get('x-linked-size')).toBeNull();
    expect(response.headers.get('x-linked-etag')).toBeNull();
    expect(response.headers.get('content-type')).toBe('application/octet-stream');
    // A page's script cannot read Content-Range here.
    expect(response.headers.get('access-control-expose-headers')).not.toMatch(/content-range/i);
    expect(shaOf(await response.arrayBuffer())).toBe(sha256);
  });

  it('resolves the repo commit as a revision too', async () => {
    const commit = (await fetch(resolveUrl, manual)).headers.get('x-repo-commit') ?? '';
    const response = await fetch(`${hub.hubUrl}/${repo}/resolve/${commit}/${file}`, manual);
    expect(response.status).toBe(302);
  });

  it('answers a range with 206 and exactly those bytes, also a suffix range', async () => {
    const piece = await fetch(resolveUrl, { headers: { range: 'bytes=1000-1999' } });
    expect(piece.status).toBe(206);
    expect(piece.headers.get('content-range')).toBe(`bytes 1000-1999/${bytes.length}`);
    expect(Buffer.from(await piece.arrayBuffer()).equals(bytes.subarray(1000, 2000))).toBe(true);

    const tail = await fetch(resolveUrl, { headers: { range: 'bytes=-100' } });
    expect(tail.status).toBe(206);
    const last = bytes.length - 1;
    expect(tail.headers.get('content-range')).toBe(`bytes ${last - 99}-${last}/${bytes.length}`);
    expect(Buffer.from(await tail.arrayBuffer()).equals(bytes.subarray(-100))).toBe(true);

    const rest = await fetch(resolveUrl, { headers: { range: `bytes=${last - 9}-` } });
    expect(rest.headers.get('content-length')).toBe('10');
    expect(Buffer.from(await rest.arrayBuffer()).equals(bytes.subarray(-10))).toBe(true);
  });

  it('answers a range past the end with 416, and a stale If-Range with the whole file', async () => {
    const beyond = await fetch(resolveUrl, { headers: { range: `bytes=${bytes.length}-` } });
    expect(beyond.status).toBe(416);
    expect(beyond.headers.get('content-range')).toBe(`bytes */${bytes.length}`);
    const stale = await fetch(resolveUrl, { headers: { range: 'bytes=0-9', 'if-range': '"old"' } });
    expect(stale.status).toBe(200);
    expect((await stale.arrayBuffer()).byteLength).toBe(bytes.length);
  });

  it('answers HEAD with the headers only', async () => {
    const response = await fetch(resolveUrl, { method: 'HEAD' });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-length')).toBe(String(bytes.length));
    expect((await response.arrayBuffer()).byteLength).toBe(0);
  });

  it('answers an unknown file or repo with a JSON 404 a page can read', async () => {
    const missing = await fetch(`${hub.hubUrl}/${repo}/resolve/main/nope.gguf`);
    expect(missing.status).toBe(404);
    expect(missing.headers.get('access-control-allow-origin')).toBe('*');
    expect(missing.headers.get('x-error-code')).toBe('EntryNotFound');
    expect(await missing.json()).toEqual({ error: 'Entry not found' });
    const noRepo = await fetch(`${hub.hubUrl}/someone/else/resolve/main/${file}`);
    expect(noRepo.status).toBe(404);
    expect(noRepo.headers.get('x-error-code')).toBe('RepoNotFound');
    const otherRevision = await fetch(`${hub.hubUrl}/${repo}/resolve/dev/${file}`);
    expect(otherRevision.status).toBe(404);
  });

  it('answers a preflight at the hub, and refuses one at the CDN as Xet storage does', async () => {
    const response = await fetch(resolveUrl, { method: 'OPTIONS', ...manual });
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-headers')).toContain('Range');
    expect(response.headers.get('access-control-allow-methods')).toContain('GET');
    const cdn = await fetch(await cdnUrlOf(), { method: 'OPTIONS' });
    expect(cdn.status).toBe(403);
    expect(cdn.headers.get('access-control-allow-origin')).toBeNull();
    expect(hub.requests.filter((r) => r.method === 'OPTIONS').map((r) => r.origin)).toEqual([
      'hub',
      'cdn',
    ]);
  });

  it('refuses a CDN path the hub did not sign', async () => {
    const forged = (await cdnUrlOf()).replace(/sig=[0-9a-f]+/, 'sig=forged');
    expect((await fetch(forged)).status).toBe(403);
  });

  it('answers the JSON API: the repo with its commit, the tree with size and LFS sha256', async () => {
    const info = await fetch(`${hub.hubUrl}/api/models/${repo}`);
    expect(info.status).toBe(200);
    expect(info.headers.get('access-control-allow-origin')).toBe('*');
    const { id, sha, siblings } = (await info.json()) as {
      id: string;
      sha: string;
      siblings: { rfilename: string }[];
    };
    expect(id).toBe(repo);
    expect(sha).toMatch(/^[0-9a-f]{40}$/);
    expect(siblings).toEqual([{ rfilename: file }]);
    const tree = await fetch(`${hub.hubUrl}/api/models/${repo}/tree/${sha}?recursive=true`);
    expect(await tree.json()).toEqual([
      expect.objectContaining({
        type: 'file',
        path: file,
        size: bytes.length,
        lfs: expect.objectContaining({ oid: sha256, size: bytes.length }),
      }),
    ]);
    expect((await fetch(`${hub.hubUrl}/api/models/${repo}/tree/main`)).status).toBe(200);
    const noRevision = await fetch(`${hub.hubUrl}/api/models/${repo}/tree/v9`);
    expect(noRevision.status).toBe(404);
    expect((await fetch(`${hub.hubUrl}/api/models/someone/else`)).status).toBe(404);
    // The redirect is pinned to the same commit.
    expect((await fetch(resolveUrl, manual)).headers.get('x-repo-commit')).toBe(sha);
  });

  it('records every request on both origins', async () => {
    await (await fetch(resolveUrl, { headers: { range: 'bytes=0-99' } })).arrayBuffer();
    expect(hub.requests).toEqual([
      {
        origin: 'hub',
        method: 'GET',
        path: `/${repo}/resolve/main/${file}`,
        range: 'bytes=0-99',
        status: 302,
      },
      expect.objectContaining({ origin: 'cdn', method: 'GET', range: 'bytes=0-99', status: 206 }),
    ]);
  });
});

describe('failures on demand', () => {
  it('answers a Range with the whole file (200), or with half the bytes asked for (206)', async () => {
    hub.fail({ kind: 'ignore-range' });
    const whole = await fetch(resolveUrl, { headers: { range: 'bytes=0-99' } });
    expect(whole.status).toBe(200);
    expect((await whole.arrayBuffer()).byteLength).toBe(bytes.length);
    hub.fail({ kind: 'short' });
    const short = await fetch(resolveUrl, { headers: { range: 'bytes=100-199' } });
    expect(short.status).toBe(206);
    expect(Buffer.from(await short.arrayBuffer()).equals(bytes.subarray(100, 150))).toBe(true);
    const fine = await fetch(resolveUrl, { headers: { range: 'bytes=100-199' } });
    expect((await fine.arrayBuffer()).byteLength).toBe(100);
  });

  it('can fail the API alone, leaving resolve URLs working', async () => {
    hub.fail({ kind: 'status', status: 500, api: true });
    expect((await fetch(resolveUrl, manual)).status).toBe(302);
    expect((await fetch(`${hub.hubUrl}/api/models/${repo}`)).status).toBe(500);
  });

  it('drops the connection halfway through a piece', async () => {
    hub.fail({ kind: 'drop' });
    const response = await fetch(resolveUrl, { headers: { range: 'bytes=0-99999' } });
    expect(response.status).toBe(206);
    expect(response.headers.get('content-length')).toBe('100000');
    await expect(response.arrayBuffer()).rejects.toThrow();
    // Used up: the retry gets the whole piece.
    const retry = await fetch(resolveUrl, { headers: { range: 'bytes=0-99999' } });
    expect((await retry.arrayBuffer()).byteLength).toBe(100_000);
  });

  it('sends about half the bytes before it drops', async () => {
    hub.fail({ kind: 'drop' });
    const response = await fetch(resolveUrl);
    const reader = response.body!.getReader();
    let received = 0;
    await expect(
      (async () => {
        for (;;) {
          const { done, value } = await reader.read();
          if (done) return;
          received += value.byteLength;
        }
      })(),
    ).rejects.toThrow();
    expect(received).toBe(Math.floor(bytes.length / 2));
  });

  it('drops only pieces from a byte offset on, as many times as asked', async () => {
    hub.fail({ kind: 'drop', fromByte: 100_000, times: 2 });
    const early = await fetch(resolveUrl, { headers: { range: 'bytes=0-99999' } });
    expect((await early.arrayBuffer()).byteLength).toBe(100_000);
    for (let attempt = 0; attempt < 2; attempt++) {
      const late = await fetch(resolveUrl, { headers: { range: 'bytes=100000-199999' } });
      await expect(late.arrayBuffer()).rejects.toThrow();
    }
    const third = await fetch(resolveUrl, { headers: { range: 'bytes=100000-199999' } });
    expect((await third.arrayBuffer()).byteLength).toBe(100_000);
  });

  it('fails only the file it names', async () => {
    hub.fail({ kind: 'status', status: 500, file: 'other.gguf', times: Infinity });
    expect((await fetch(resolveUrl, manual)).status).toBe(302);
    hub.fail({ kind: 'status', status: 500, file, times: Infinity });
    expect((await fetch(resolveUrl, manual)).status).toBe(500);
    expect((await fetch(resolveUrl, manual)).status).toBe(500);
  });

  it('answers 429 with Retry-After, and other statuses, from the hub', async () => {
    hub.fail({ kind: 'status', status: 429 });
    const throttled = await fetch(resolveUrl);
    expect(throttled.status).toBe(429);
    expect(throttled.headers.get('retry-after')).toBe('30');
    expect(throttled.headers.get('access-control-expose-headers')).toContain('Retry-After');
    for (const status of [404, 500, 403]) {
      hub.fail({ kind: 'status', status });
      expect((await fetch(resolveUrl)).status).toBe(status);
    }
    expect((await fetch(resolveUrl)).status).toBe(200);
    expect(hub.requests.filter((request) => request.origin === 'hub').map((r) => r.status)).toEqual(
      [429, 404, 500, 403, 302],
    );
  });

  it('can fail the CDN instead, as an expired signature would', async () => {
    hub.fail({ kind: 'status', status: 403, origin: 'cdn' });
    expect((await fetch(resolveUrl)).status).toBe(403);
    expect(hub.requests.map((request) => request.status)).toEqual([302, 403]);
  });

  it('reports a wrong sha256 until the failures are cleared', async () => {
    hub.fail({ kind: 'wrong-sha' });
    for (let attempt = 0; attempt < 2; attempt++) {
      const redirect = await fetch(resolveUrl, manual);
      expect(redirect.headers.get('x-linked-etag')).toMatch(/^"[0-9a-f]{64}"$/);
      expect(redirect.headers.get('x-linked-etag')).not.toBe(`"${sha256}"`);
      const served = await fetch(resolveUrl);
      expect(served.headers.get('etag')).not.toBe(`"${sha256}"`);
      expect(shaOf(await served.arrayBuffer())).toBe(sha256);
    }
    hub.clearFailures();
    expect((await fetch(resolveUrl, manual)).headers.get('x-linked-etag')).toBe(`"${sha256}"`);
  });

  it('answers without CORS headers when asked', async () => {
    hub.fail({ kind: 'no-cors', origin: 'cdn' });
    const response = await fetch(resolveUrl);
    expect(response.status).toBe(200);
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
    const next = await fetch(resolveUrl, manual);
    expect(next.headers.get('access-control-allow-origin')).toBe('*');
    hub.fail({ kind: 'no-cors' });
    expect((await fetch(resolveUrl, manual)).headers.get('access-control-allow-origin')).toBeNull();
  });

  it('redirects to itself forever, so fetch gives up', async () => {
    hub.fail({ kind: 'redirect-loop' });
    await expect(fetch(resolveUrl)).rejects.toThrow();
    expect(hub.requests.length).toBeGreaterThan(5);
    expect(hub.requests.every((request) => request.origin === 'hub')).toBe(true);
    expect((await fetch(resolveUrl)).status).toBe(200);
  });
});

describe('parseFileSpec', () => {
  it('reads repo, revision, file and a disk path that may hold colons', () => {
    expect(parseFileSpec('a/b:dir/x.gguf:/tmp/x.gguf')).toEqual({
      repo: 'a/b',
      file: 'dir/x.gguf',
      path: '/tmp/x.gguf',
    });
    expect(parseFileSpec('a/b@v2:x.gguf:C:\\m\\x.gguf')).toEqual({
      repo: 'a/b',
      revision: 'v2',
      file: 'x.gguf',
      path: 'C:\\m\\x.gguf',
    });
    expect(() => parseFileSpec('nope:x.gguf')).toThrow();
  });
});

describe('a file that changes at main', () => {
  it('moves main to a new commit and keeps the old commit resolvable', async () => {
    const folder = mkdtempSync(path.join(tmpdir(), 'stand-in-hub-'));
    const before = Buffer.from('old content');
    const after = Buffer.from('new content, longer');
    writeFileSync(path.join(folder, 'a'), before);
    writeFileSync(path.join(folder, 'b'), after);
    const changing = await startStandInHub([
      { repo, file: 'm.gguf', path: path.join(folder, 'a') },
      { repo, file: 'other.gguf', path: path.join(folder, 'a') },
    ]);
    try {
      const commitOf = async () =>
        ((await (await fetch(`${changing.hubUrl}/api/models/${repo}`)).json()) as { sha: string })
          .sha;
      const first = await commitOf();
      await changing.publish({ repo, file: 'm.gguf', path: path.join(folder, 'b') });
      const second = await commitOf();
      expect(second).not.toBe(first);
      const text = async (revision: string) =>
        (await fetch(`${changing.hubUrl}/${repo}/resolve/${revision}/m.gguf`)).text();
      expect(await text(first)).toBe('old content');
      expect(await text(second)).toBe('new content, longer');
      expect(await text('main')).toBe('new content, longer');
      // The other file is carried into the new commit.
      const tree = (await (
        await fetch(`${changing.hubUrl}/api/models/${repo}/tree/${second}`)
      ).json()) as { path: string; size: number }[];
      expect(tree.map((e) => [e.path, e.size]).sort()).toEqual([
        ['m.gguf', after.length],
        ['other.gguf', before.length],
      ]);
    } finally {
      await changing.close();
    }
  });
});

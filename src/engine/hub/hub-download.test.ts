import { createHash } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startStandInHub, type StandInHub } from '../../../scripts/servers/stand-in-hub';
import { FakeCacheStorage } from '../storage/fake-cache';
import { PartStore } from '../storage/part-store';
import { EngineError } from '../errors';
import { resolveHubModel } from './hub-api';
import { downloadHubModel, hubModelState, removeHubModel } from './hub-download';

const REPO = 'someone/Model-GGUF';
const folder = mkdtempSync(path.join(tmpdir(), 'hub-download-'));
const write = (name: string, bytes: Uint8Array) => {
  writeFileSync(path.join(folder, name), bytes);
  return path.join(folder, name);
};
const bytesOf = (seed: number, n: number) =>
  Uint8Array.from({ length: n }, (_, i) => (i * seed) % 251);
const V1 = bytesOf(7, 1000);
const V2 = bytesOf(13, 1000);
const PART1 = bytesOf(3, 500);
const PART2 = bytesOf(5, 300);

let hub: StandInHub;
beforeAll(async () => {
  hub = await startStandInHub([
    { repo: REPO, file: 'Model.Q4_0.gguf', path: write('v1', V1) },
    { repo: REPO, file: 'Model.Q8_0.gguf', path: write('q8', V1) },
    { repo: REPO, file: 'README.md', path: write('readme', new Uint8Array([35])) },
    { repo: REPO, file: 'split/Model.IQ3_M-00002-of-00002.gguf', path: write('p2', PART2) },
    { repo: REPO, file: 'split/Model.IQ3_M-00001-of-00002.gguf', path: write('p1', PART1) },
  ]);
});
afterAll(() => hub.close());
afterEach(() => {
  hub.clearFailures();
  hub.requests.length = 0;
});

/** fetch as the app calls it, recording what each request carried. */
function recordingFetch() {
  const sent: { method: string; headers: string[] }[] = [];
  const fetchImpl = ((url: string, init?: RequestInit) => {
    sent.push({
      method: init?.method ?? 'GET',
      headers: [...new Headers(init?.headers).keys()],
    });
    return fetch(url, init);
  }) as typeof fetch;
  return { fetchImpl, sent };
}

async function setUp() {
  const store = (await PartStore.open(new FakeCacheStorage()))!;
  const { fetchImpl, sent } = recordingFetch();
  const options = { label: 'M', store, pieceBytes: 300, fetchImpl, onProgress: () => {} };
  return { store, sent, options };
}

const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
const bytes = async (blob: Blob) => new Uint8Array(await blob.arrayBuffer());

describe('a hub model named owner/repo:QUANT', () => {
  it('resolves through the API to the commit, the file, its size and sha256', async () => {
    const resolved = await resolveHubModel(hub.hubUrl, { repo: REPO, tag: 'q4_0' });
    expect(resolved.commit).toMatch(/^[0-9a-f]{40}$/);
    expect(resolved.files).toEqual([
      {
        path: 'Model.Q4_0.gguf',
        size: V1.length,
        sha256: sha(V1),
        url: `${hub.hubUrl}/${REPO}/resolve/${resolved.commit}/Model.Q4_0.gguf`,
      },
    ]);
    expect(hub.requests.map((r) => r.path)).toEqual([
      `/api/models/${REPO}`,
      `/api/models/${REPO}/tree/${resolved.commit}?recursive=true`,
    ]);
  });

  it('resolves a split set to all its files, in order', async () => {
    const { files } = await resolveHubModel(hub.hubUrl, { repo: REPO, tag: 'IQ3_M' });
    expect(files.map((f) => [f.path, f.size])).toEqual([
      ['split/Model.IQ3_M-00001-of-00002.gguf', PART1.length],
      ['split/Model.IQ3_M-00002-of-00002.gguf', PART2.length],
    ]);
  });

  it('names the quantizations the repository has when the tag is missing', async () => {
    await expect(resolveHubModel(hub.hubUrl, { repo: REPO, tag: 'Q5_K_M' })).rejects.toThrow(
      'someone/Model-GGUF has no Q5_K_M file. It has these quantizations: IQ3_M, Q4_0, Q8_0.',
    );
    await expect(resolveHubModel(hub.hubUrl, { repo: 'no/repo', tag: 'Q4_0' })).rejects.toThrow(
      'has no repository no/repo (HTTP 404)',
    );
  });

  it('downloads with plain GETs and one Range header only, checks the sha256, then loads from storage', async () => {
    const { store, sent, options } = await setUp();
    const ref = { repo: REPO, tag: 'Q4_0' };
    const { files } = await downloadHubModel(hub.hubUrl, ref, options);
    expect(await bytes(files[0]!)).toEqual(V1);
    expect(sent.every((s) => s.method === 'GET')).toBe(true);
    expect(new Set(sent.flatMap((s) => s.headers))).toEqual(new Set(['range']));
    // Two API calls, then four pieces of 300 bytes, each a range of the pinned commit's file.
    expect(sent.filter((s) => s.headers.includes('range'))).toHaveLength(4);
    expect(await hubModelState(hub.hubUrl, ref, store)).toEqual({
      status: 'downloaded',
      storedBytes: V1.length,
    });
    hub.requests.length = 0;
    const again = await downloadHubModel(hub.hubUrl, ref, options);
    expect(await bytes(again.files[0]!)).toEqual(V1);
    expect(hub.requests).toEqual([]);
    await removeHubModel(hub.hubUrl, ref, store);
    expect((await hubModelState(hub.hubUrl, ref, store)).status).toBe('absent');
  });

  it('downloads both files of a split set', async () => {
    const { options } = await setUp();
    const { files } = await downloadHubModel(hub.hubUrl, { repo: REPO, tag: 'IQ3_M' }, options);
    expect(await Promise.all(files.map(bytes))).toEqual([PART1, PART2]);
  });

  it('says so when a host answers a Range with the whole file or a short piece, and keeps what was stored', async () => {
    const { store, options } = await setUp();
    const ref = { repo: REPO, tag: 'Q8_0' };
    const one = { ...options, parallel: 1 };
    hub.fail({ kind: 'ignore-range', fromByte: 600 });
    await expect(downloadHubModel(hub.hubUrl, ref, one)).rejects.toThrow(
      /answered a request for bytes 600–899 with the whole file \(HTTP 200 instead of 206\).*Pieces downloaded so far are kept/,
    );
    expect(await hubModelState(hub.hubUrl, ref, store)).toMatchObject({ storedBytes: 600 });
    hub.fail({ kind: 'short' });
    const failed = downloadHubModel(hub.hubUrl, ref, one);
    await expect(failed).rejects.toThrow(
      'The server sent a piece of the wrong length (150 bytes where 300 were asked for).',
    );
    await expect(failed).rejects.toBeInstanceOf(EngineError);
    expect(await hubModelState(hub.hubUrl, ref, store)).toMatchObject({ storedBytes: 600 });
    const { files } = await downloadHubModel(hub.hubUrl, ref, one);
    expect(await bytes(files[0]!)).toEqual(V1);
  });

  it('never mixes pieces of two versions when the file changes at main between visits', async () => {
    const { store, options } = await setUp();
    const file = 'Model.Q2_K.gguf';
    await hub.publish({ repo: REPO, file, path: write('q2-v1', V1) });
    const ref = { repo: REPO, tag: 'Q2_K' };
    const one = { ...options, parallel: 1 };
    hub.fail({ kind: 'drop', fromByte: 600, file });
    await expect(downloadHubModel(hub.hubUrl, ref, one)).rejects.toThrow('connection dropped');
    // The repository changes before the next visit: its commit moves, and the old pieces go.
    await hub.publish({ repo: REPO, file, path: write('q2-v2', V2) });
    const { files, resolved } = await downloadHubModel(hub.hubUrl, ref, one);
    expect(await bytes(files[0]!)).toEqual(V2);
    expect(resolved.files[0]!.sha256).toBe(sha(V2));
    expect(await hubModelState(hub.hubUrl, ref, store)).toEqual({
      status: 'downloaded',
      storedBytes: V2.length,
    });
  });
});

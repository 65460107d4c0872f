import { describe, expect, it } from 'vitest';
import { listModels, type SiteModel } from '../models/catalog';
import { firstFileUrl, probeFirstFile } from './probe-files';

const BASE = 'http://app.test/tutor/';
const siteModels = listModels().filter((m): m is SiteModel => m.source === 'site');
const mlc = siteModels.find((m) => m.backend === 'webllm');
const gguf = siteModels.find((m) => m.backend === 'wllama');

function host(answer: (url: string, init?: RequestInit) => Response) {
  const asked: string[] = [];
  const fetchImpl = (async (input: RequestInfo | URL, init?: RequestInit) => {
    asked.push(`${init?.method ?? 'GET'} ${String(input)}`);
    return answer(String(input), init);
  }) as typeof fetch;
  return { fetchImpl, asked };
}

describe('probeFirstFile', () => {
  it("asks for the model's first file under the site's models/ folder, by HEAD", async () => {
    expect(firstFileUrl(mlc!, BASE)).toBe(`${BASE}models/${mlc!.id}/mlc-chat-config.json`);
    const { fetchImpl, asked } = host(() => new Response(null, { status: 200 }));
    expect(await probeFirstFile(gguf!, BASE, fetchImpl)).toBe('present');
    expect(asked).toEqual([`HEAD ${BASE}models/${gguf!.id}/${gguf!.ggufParts![0]!.file}`]);
  });

  it('calls a 404 or a web page in place of the file missing', async () => {
    const notFound = host(() => new Response('not found', { status: 404 }));
    expect(await probeFirstFile(mlc!, BASE, notFound.fetchImpl)).toBe('missing');
    const page = host(
      () => new Response(null, { status: 200, headers: { 'content-type': 'text/html' } }),
    );
    expect(await probeFirstFile(mlc!, BASE, page.fetchImpl)).toBe('missing');
  });

  it('falls back to a one-byte GET where HEAD is refused', async () => {
    const { fetchImpl, asked } = host((_url, init) =>
      init?.method === 'HEAD'
        ? new Response(null, { status: 405 })
        : new Response('x', { status: 206 }),
    );
    expect(await probeFirstFile(mlc!, BASE, fetchImpl)).toBe('present');
    expect(asked).toHaveLength(2);
  });

  it('knows nothing when the server cannot be reached or fails', async () => {
    const offline = (() => Promise.reject(new TypeError('Failed to fetch'))) as typeof fetch;
    expect(await probeFirstFile(mlc!, BASE, offline)).toBe('unknown');
    const failing = host(() => new Response(null, { status: 503 }));
    expect(await probeFirstFile(mlc!, BASE, failing.fetchImpl)).toBe('unknown');
  });
});

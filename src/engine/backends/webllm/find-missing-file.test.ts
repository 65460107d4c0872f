import { describe, expect, it } from 'vitest';
import { findMissingModelFile } from './find-missing-file';

const DIR = 'https://example.org/models/M/';
const location = { dir: DIR, modelLib: `${DIR}M-webgpu.wasm` };

function server(
  files: Record<string, unknown>,
  contentType = 'application/octet-stream',
  missingStatus = 404,
) {
  const asked: string[] = [];
  const fetchFile = async (url: string, init?: RequestInit) => {
    asked.push(`${init?.method ?? 'GET'} ${url.slice(DIR.length)}`);
    const name = url.slice(DIR.length);
    if (!(name in files)) return new Response('not found', { status: missingStatus });
    const body = init?.method === 'HEAD' ? null : JSON.stringify(files[name]);
    return new Response(body, { status: 200, headers: { 'content-type': contentType } });
  };
  return { fetchFile, asked };
}

describe('findMissingModelFile', () => {
  it('names the first file the server does not have, down to a weight shard', async () => {
    const { fetchFile } = server({
      'mlc-chat-config.json': { tokenizer_files: ['tokenizer.json'] },
      'tensor-cache.json': {
        records: [{ dataPath: 'params_shard_0.bin' }, { dataPath: 'params_shard_1.bin' }],
      },
      'M-webgpu.wasm': '',
      'tokenizer.json': {},
      'params_shard_0.bin': '',
    });
    expect(await findMissingModelFile(location, fetchFile)).toEqual({
      url: `${DIR}params_shard_1.bin`,
      words: 'is not on the server (HTTP 404)',
    });
  });

  it('names the config first when the folder is empty', async () => {
    expect(await findMissingModelFile(location, server({}).fetchFile)).toMatchObject({
      url: `${DIR}mlc-chat-config.json`,
    });
  });

  it('counts an HTML page served for a model file as missing', async () => {
    const { fetchFile } = server({ 'mlc-chat-config.json': {} }, 'text/html; charset=utf-8');
    const found = await findMissingModelFile(location, fetchFile);
    expect(found).toEqual({
      url: `${DIR}mlc-chat-config.json`,
      words: 'is not on the server: it answered with a web page instead of the file',
    });
  });

  it('says what a server that refuses a file answered', async () => {
    const { fetchFile } = server({}, 'text/plain', 403);
    expect((await findMissingModelFile(location, fetchFile))?.words).toBe(
      'could not be downloaded: the server answered HTTP 403',
    );
  });

  it('returns null when everything is there or the server cannot be reached', async () => {
    const { fetchFile } = server({
      'mlc-chat-config.json': {},
      'tensor-cache.json': { records: [] },
      'M-webgpu.wasm': '',
      'tokenizer.json': {},
    });
    expect(await findMissingModelFile(location, fetchFile)).toBeNull();
    expect(
      await findMissingModelFile(location, () => Promise.reject(new TypeError('Failed to fetch'))),
    ).toBeNull();
  });
});

import { describe, expect, it } from 'vitest';
import { findModel, type SiteModel } from '../models/catalog';
import { FakeCacheStorage } from './fake-cache';
import {
  deleteWebllmModel,
  WEBLLM_SCOPES,
  webllmModelUrl,
  webllmStorageState,
} from './webllm-storage';

const BASE = 'https://example.org/tutor/';
const option = findModel('MathCoder-CL-7B-q4f32_1-MLC') as SiteModel;
const dir = webllmModelUrl(option, BASE);

async function fill(storage: FakeCacheStorage, shard1Bytes = 50) {
  const models = await storage.open(WEBLLM_SCOPES.model);
  const configs = await storage.open(WEBLLM_SCOPES.config);
  const wasm = await storage.open(WEBLLM_SCOPES.wasm);
  await configs.put(`${dir}mlc-chat-config.json`, new Response('{}'));
  await models.put(
    `${dir}tensor-cache.json`,
    new Response(
      JSON.stringify({
        records: [
          { dataPath: 'params_shard_0.bin', nbytes: 100 },
          { dataPath: 'params_shard_1.bin', nbytes: 50 },
        ],
      }),
    ),
  );
  await models.put(`${dir}params_shard_0.bin`, new Response(new Uint8Array(100)));
  await models.put(`${dir}params_shard_1.bin`, new Response(new Uint8Array(shard1Bytes)));
  await models.put(`${dir}tokenizer.json`, new Response('{}'));
  await wasm.put(`${dir}${option.modelLibFile}`, new Response(new Uint8Array(10)));
}

describe('WebLLM models in browser storage', () => {
  it('keys files as WebLLM does: the self-hosted folder, or Hugging Face resolve/main/', () => {
    expect(dir).toBe('https://example.org/tutor/models/MathCoder-CL-7B-q4f32_1-MLC/');
    const qwen = findModel('Qwen2.5-Math-1.5B-Instruct-q4f32_1-MLC')!;
    expect(webllmModelUrl(qwen, BASE)).toBe(
      'https://huggingface.co/mlc-ai/Qwen2.5-Math-1.5B-Instruct-q4f32_1-MLC/resolve/main/',
    );
  });

  it('is downloaded when the config, the manifest and every shard are stored at their sizes', async () => {
    const storage = new FakeCacheStorage();
    expect(await webllmStorageState(option, BASE, storage)).toEqual({
      status: 'absent',
      storedBytes: 0,
    });
    await fill(storage);
    expect(await webllmStorageState(option, BASE, storage)).toEqual({
      status: 'downloaded',
      storedBytes: 150,
    });
    expect(await webllmStorageState(option, BASE, undefined)).toEqual({
      status: 'unavailable',
      storedBytes: 0,
    });
  });

  it('deletes a shard of the wrong size so the next load fetches it again', async () => {
    const storage = new FakeCacheStorage();
    await fill(storage, 20);
    expect(await webllmStorageState(option, BASE, storage)).toEqual({
      status: 'partial',
      storedBytes: 100,
    });
    expect((await storage.open(WEBLLM_SCOPES.model)).entries.has(`${dir}params_shard_1.bin`)).toBe(
      false,
    );
  });

  it('deletes everything of the model', async () => {
    const storage = new FakeCacheStorage();
    await fill(storage);
    await deleteWebllmModel(option, BASE, storage);
    expect(storage.used()).toBe(0);
    expect(await webllmStorageState(option, BASE, storage)).toEqual({
      status: 'absent',
      storedBytes: 0,
    });
  });
});

import { describe, expect, it } from 'vitest';
import type { ModelListEntry } from '../models/model-list';
import { addLocalModel, listLocalModels, localModelDir, removeLocalModel } from './local-models';
import { FakeCacheStorage } from './fake-cache';

const BASE = 'https://school.test/tutor/';
const entry: ModelListEntry = {
  id: 'Stick-GGUF',
  format: 'gguf',
  promptFormat: 'mathcoder',
  quantization: 'Q4_K_M',
  files: [
    { path: 'm-00001-of-00002.gguf', bytes: 300 },
    { path: 'm-00002-of-00002.gguf', bytes: 200 },
  ],
};
const files = new Map([
  ['m-00001-of-00002.gguf', new Blob([new Uint8Array(300)])],
  ['m-00002-of-00002.gguf', new Blob([new Uint8Array(200)])],
]);

describe('models added from a folder', () => {
  it('are stored once in the GGUF store under their own URLs, listed on the next visit, and removed whole', async () => {
    const storage = new FakeCacheStorage();
    const progress: Array<number | null> = [];
    const option = await addLocalModel(
      BASE,
      entry,
      'Stick (from a folder)',
      files,
      (p) => progress.push(p.fraction),
      storage,
    );
    expect(option).toMatchObject({
      id: 'Stick-GGUF',
      backend: 'wllama',
      source: 'folder',
      modelDir: `${BASE}local-models/Stick-GGUF/`,
    });
    expect(progress.at(-1)).toBe(1);
    const parts = storage.caches.get('gguf-parts-v1')!;
    expect([...parts.entries.keys()]).toEqual([
      `${localModelDir(BASE, 'Stick-GGUF')}m-00001-of-00002.gguf`,
      `${localModelDir(BASE, 'Stick-GGUF')}m-00002-of-00002.gguf`,
    ]);

    const listed = await listLocalModels(BASE, storage);
    expect(listed.map((m) => [m.id, m.label, m.source === 'folder'])).toEqual([
      ['Stick-GGUF', 'Stick (from a folder)', true],
    ]);

    await removeLocalModel(BASE, option, storage);
    expect(await listLocalModels(BASE, storage)).toEqual([]);
    expect(parts.entries.size).toBe(0);
  });

  it('leave nothing behind and say so when the storage is full', async () => {
    const storage = new FakeCacheStorage(400);
    const failure = addLocalModel(BASE, entry, 'Stick', files, () => undefined, storage);
    await expect(failure).rejects.toMatchObject({
      code: 'storage-full',
      message: expect.stringMatching(/no room to store Stick \(0 MB\)/),
    });
    expect(storage.used()).toBe(0);
    expect(await listLocalModels(BASE, storage)).toEqual([]);
  });
});

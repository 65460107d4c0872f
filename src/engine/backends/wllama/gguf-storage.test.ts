import { describe, expect, it } from 'vitest';
import { testModel } from '../../models/catalog';
import { FakeCacheStorage } from '../../storage/fake-cache';
import { addLocalModel } from '../../storage/local-models';
import { PartStore } from '../../storage/part-store';
import { deleteGgufModel, ggufStorageState } from './gguf-storage';

function stream(bytes: Uint8Array): ReadableStream<Uint8Array> {
  return new Response(bytes as Uint8Array<ArrayBuffer>).body!;
}

describe('a GGUF model in browser storage', () => {
  const option = testModel('http://app.test/test-models/tutor-test.gguf');

  it('is downloaded when every part is stored, and deleted whole', async () => {
    const storage = new FakeCacheStorage();
    const store = (await PartStore.open(storage))!;
    const base = 'http://app.test/';
    expect(await ggufStorageState(option, base, store)).toEqual({
      status: 'absent',
      storedBytes: 0,
    });
    await store.write(option.ggufParts![0]!.file, stream(new Uint8Array(42)));
    expect(await ggufStorageState(option, base, store)).toEqual({
      status: 'downloaded',
      storedBytes: 42,
    });
    await deleteGgufModel(option, base, store);
    expect(await ggufStorageState(option, base, store)).toEqual({
      status: 'absent',
      storedBytes: 0,
    });
    expect(storage.used()).toBe(0);
  });

  it('is partly downloaded when a part is missing', async () => {
    const split = {
      ...option,
      ggufParts: [{ file: 'http://app.test/p1.gguf' }, { file: 'http://app.test/p2.gguf' }],
    };
    const store = (await PartStore.open(new FakeCacheStorage()))!;
    await store.write('http://app.test/p1.gguf', stream(new Uint8Array(10)));
    expect(await ggufStorageState(split, 'http://app.test/', store)).toEqual({
      status: 'partial',
      storedBytes: 10,
    });
  });
});

describe('a GGUF model added from a folder', () => {
  it('is downloaded once its files are stored under its own URLs', async () => {
    const storage = new FakeCacheStorage();
    const base = 'https://school.test/tutor/';
    const option = await addLocalModel(
      base,
      {
        id: 'Stick-GGUF',
        format: 'gguf',
        promptFormat: 'mathcoder',
        quantization: 'Q4_K_M',
        files: [
          { path: 'm-00001-of-00002.gguf', bytes: 300 },
          { path: 'm-00002-of-00002.gguf', bytes: 200 },
        ],
      },
      'Stick (from a folder)',
      new Map([
        ['m-00001-of-00002.gguf', new Blob([new Uint8Array(300)])],
        ['m-00002-of-00002.gguf', new Blob([new Uint8Array(200)])],
      ]),
      () => undefined,
      storage,
    );
    const store = (await PartStore.open(storage))!;
    expect(await ggufStorageState(option, base, store)).toEqual({
      status: 'downloaded',
      storedBytes: 500,
    });
  });
});

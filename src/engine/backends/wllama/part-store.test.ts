import { describe, expect, it } from 'vitest';
import { MATHCODER_ADDED_TOKENS } from '../../formats/mathcoder';
import { testModel } from '../../models/catalog';
import { readGgufHeader, TOKEN_TYPE } from './gguf';
import { prepareFirstPart } from './first-part';
import { deleteGgufModel, ggufStorageState } from './gguf-storage';
import { GGUF_CACHE_NAME, GGUF_INDEX_CACHE_NAME, PartStore } from './part-store';
import { writeGguf } from '../../../../scripts/test-model/gguf-writer';
import { FakeCacheStorage } from './fake-cache';

const URL_A = 'http://app.test/a.gguf';

function stream(bytes: Uint8Array): ReadableStream<Uint8Array> {
  return new Response(bytes as Uint8Array<ArrayBuffer>).body!;
}

describe('PartStore', () => {
  it('counts a part as stored only with a completion record of the same size', async () => {
    const storage = new FakeCacheStorage();
    const store = (await PartStore.open(storage))!;
    expect(await store.state(URL_A)).toEqual({ status: 'absent' });
    await store.write(URL_A, stream(new Uint8Array(100)), 100);
    expect(await store.state(URL_A)).toEqual({ status: 'stored', bytes: 100 });
    expect(await store.state(URL_A, 101), 'the model list says another size').toEqual({
      status: 'broken',
    });

    // Bytes without their record: a write that ended before the record was written.
    await storage.caches.get(GGUF_INDEX_CACHE_NAME)!.delete(URL_A);
    expect(await store.state(URL_A)).toEqual({ status: 'broken' });
    expect(await store.read(URL_A)).toBeNull();

    // A record whose size disagrees with the bytes.
    await store.write(URL_A, stream(new Uint8Array(100)));
    await storage.caches.get(GGUF_CACHE_NAME)!.put(URL_A, new Response(new Uint8Array(60)));
    expect(await store.state(URL_A)).toEqual({ status: 'broken' });

    expect(await store.remove(URL_A)).toBe(true);
    expect(await store.state(URL_A)).toEqual({ status: 'absent' });
  });
});

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

describe('prepareFirstPart', () => {
  const tokens = [
    '<unk>',
    '<s>',
    '</s>',
    ...MATHCODER_ADDED_TOKENS,
    ...Array.from({ length: 400 }, (_, i) => `t${i}`),
  ];
  const gguf = (splitCount?: number) =>
    writeGguf(
      [
        ['general.architecture', { type: 'string', value: 'llama' }],
        ...(splitCount ? [['split.count', { type: 'u32', value: splitCount }] as const] : []),
        ['tokenizer.ggml.tokens', { type: 'strings', value: tokens }],
        [
          'tokenizer.ggml.token_type',
          { type: 'i32s', value: tokens.map((t) => (t.startsWith('<') ? TOKEN_TYPE.control : 1)) },
        ],
      ],
      [{ name: 'w', dims: [4096], data: new Float32Array(4096).fill(0.5) }],
    );

  it('retypes the tokens reading only a header prefix, growing it when the header is longer', async () => {
    const bytes = gguf();
    const blob = new Blob([bytes as Uint8Array<ArrayBuffer>]);
    // 256 bytes cannot hold this header: the prefix must grow, and the tensor bytes pass through untouched.
    const prepared = await prepareFirstPart(
      blob,
      1,
      'http://app.test/a.gguf',
      MATHCODER_ADDED_TOKENS,
      256,
    );
    const out = new Uint8Array(await prepared.blob.arrayBuffer());
    expect(out.byteLength).toBe(bytes.byteLength);
    expect(out.subarray(out.byteLength - 16384)).toEqual(bytes.subarray(bytes.byteLength - 16384));
    const types = readGgufHeader(out, ['tokenizer.ggml.token_type']).metadata.get(
      'tokenizer.ggml.token_type',
    );
    if (typeof types !== 'object') throw new Error('no types');
    expect(types.items?.slice(1, 11)).toEqual([
      TOKEN_TYPE.control,
      TOKEN_TYPE.control,
      ...Array(8).fill(TOKEN_TYPE.userDefined),
    ]);
    // No tokenizer.ggml.model key: not a SentencePiece vocabulary, so no space prefix.
    expect(prepared.spacePrefix).toBe(false);
  });

  it('refuses a split count that differs from the parts configured, and a file that is not GGUF', async () => {
    const blob = new Blob([gguf(3) as Uint8Array<ArrayBuffer>]);
    await expect(prepareFirstPart(blob, 1, 'http://app.test/a.gguf', [])).rejects.toThrow(
      /part 1 of 3, but 1 part\(s\) are configured .*-00001-of-00003\.gguf/,
    );
    await expect(
      prepareFirstPart(new Blob(['<!doctype html>']), 1, 'http://app.test/a.gguf', []),
    ).rejects.toMatchObject({
      code: 'model-files-missing',
      message: expect.stringMatching(/not a usable GGUF/),
    });
  });
});

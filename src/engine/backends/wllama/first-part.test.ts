import { describe, expect, it } from 'vitest';
import { writeGguf } from '../../../../scripts/test-model/gguf-writer';
import { buildTestModel } from '../../../../scripts/test-model/tutor-test-model';
import { MATHCODER_ADDED_TOKENS } from '../../formats/mathcoder';
import { readGgufHeader, TOKEN_TYPE } from '../../gguf/gguf';
import { splitGguf } from '../../gguf/gguf-split-builder';
import { prepareFirstPart } from './first-part';

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

describe('prepareFirstPart on a split model', () => {
  const model = buildTestModel();

  it('gives a first part that the loader accepts and patches', async () => {
    const { parts } = await splitGguf(new Blob([model.bytes as Uint8Array<ArrayBuffer>]), 40_000);
    const prepared = await prepareFirstPart(
      parts[0]!,
      parts.length,
      'test',
      MATHCODER_ADDED_TOKENS,
    );
    const patched = readGgufHeader(new Uint8Array(await prepared.blob.arrayBuffer()), [
      'tokenizer.ggml.token_type',
    ]);
    const types = patched.metadata.get('tokenizer.ggml.token_type');
    const ids = MATHCODER_ADDED_TOKENS.map((t) => model.tokens.indexOf(t));
    expect(typeof types === 'object' && ids.map((id) => types.items![id])).toEqual(
      ids.map(() => TOKEN_TYPE.userDefined),
    );
  });
});

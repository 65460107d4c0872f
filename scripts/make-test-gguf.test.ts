import { describe, expect, it } from 'vitest';
import {
  GgufType,
  patchControlTokensToUserDefined,
  readGgufHeader,
  TOKEN_TYPE,
} from '../src/engine/backends/wllama/gguf';
import { spmTokenize } from './test-model/spm';
import { MATHCODER_ADDED_TOKENS } from '../src/engine/formats/mathcoder';
import { buildTestModel } from './test-model/tutor-test-model';

describe('the test GGUF', () => {
  const model = buildTestModel();

  it('parses back as a one-layer llama with MathCoder tokens typed CONTROL', () => {
    const header = readGgufHeader(model.bytes, [
      'tokenizer.ggml.tokens',
      'tokenizer.ggml.token_type',
    ]);
    const meta = header.metadata;
    expect(header.version).toBe(3);
    expect(header.tensorCount).toBe(12n);
    expect(meta.get('general.architecture')).toBe('llama');
    expect(meta.get('tokenizer.ggml.model')).toBe('llama');
    expect(meta.get('llama.block_count')).toBe(1);
    expect(meta.get('llama.embedding_length')).toBe(model.nEmbd);
    expect(meta.get('tokenizer.ggml.add_space_prefix')).toBe(false);
    const tokens = meta.get('tokenizer.ggml.tokens');
    const types = meta.get('tokenizer.ggml.token_type');
    if (typeof tokens !== 'object' || typeof types !== 'object') throw new Error('no arrays');
    expect(types.itemType).toBe(GgufType.Int32);
    expect(tokens.items?.slice(0, 4)).toEqual(['<unk>', '<s>', '</s>', '<0x00>']);
    expect(tokens.items?.slice(259, 267)).toEqual([...MATHCODER_ADDED_TOKENS]);
    expect(types.items?.slice(259, 267)).toEqual(Array(8).fill(TOKEN_TYPE.control));
    expect(model.bytes.byteLength).toBeLessThan(4e6);
  });

  it('has its MathCoder tokens retyped USER_DEFINED in place, once', () => {
    const bytes = model.bytes.slice();
    expect(patchControlTokensToUserDefined(bytes, MATHCODER_ADDED_TOKENS)).toBe(8);
    expect(patchControlTokensToUserDefined(bytes, MATHCODER_ADDED_TOKENS)).toBe(0);
    const types = readGgufHeader(bytes, ['tokenizer.ggml.token_type']).metadata.get(
      'tokenizer.ggml.token_type',
    );
    if (typeof types !== 'object') throw new Error('no types');
    expect(types.items?.slice(259, 267)).toEqual(Array(8).fill(TOKEN_TYPE.userDefined));
    // BOS and EOS stay CONTROL.
    expect(types.items?.slice(1, 3)).toEqual([TOKEN_TYPE.control, TOKEN_TYPE.control]);
  });

  it('tokenizes its own script back into the pieces it writes', () => {
    const ids = new Map(model.tokens.map((t, i) => [t, i]));
    const scores = model.tokens.map((t) => (t.startsWith('<') ? 0 : Array.from(t).length));
    const code = 'import time\ntime.sleep(1.5)\ntotal = 3 + 4\ntotal * 6'.replaceAll(' ', '\u2581');
    expect(spmTokenize(code, { tokens: model.tokens, scores }, ids)).toEqual(model.pieceIds.code);
  });

  it('rejects a file that is not GGUF, or is cut short', () => {
    expect(() => readGgufHeader(new TextEncoder().encode('<!doctype html>'))).toThrow(/not a GGUF/);
    expect(() => readGgufHeader(model.bytes.subarray(0, 200))).toThrow(/cut short/);
  });
});

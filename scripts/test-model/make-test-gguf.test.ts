import { describe, expect, it } from 'vitest';
import {
  GgufType,
  patchControlTokensToUserDefined,
  readGgufHeader,
  TOKEN_TYPE,
} from '../../src/engine/gguf/gguf';
import { spmTokenize } from './spm';
import { MATHCODER_ADDED_TOKENS } from '../../src/engine/formats/mathcoder';
import llamaTokenizer from 'llama-tokenizer-js';
import { buildTestModel } from './tutor-test-model';

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

describe('the test GGUF on the LLaMA-2 vocabulary', () => {
  const model = buildTestModel({ vocabulary: 'llama' });
  const header = readGgufHeader(model.bytes, ['tokenizer.ggml.tokens', 'tokenizer.ggml.scores']);
  const meta = header.metadata;
  const tokens = meta.get('tokenizer.ggml.tokens');
  const scores = meta.get('tokenizer.ggml.scores');

  it('has the real vocabulary, MathCoder-L’s added tokens from 32000 and the space prefix of a real conversion', () => {
    if (typeof tokens !== 'object' || typeof scores !== 'object') throw new Error('no arrays');
    expect(meta.get('tokenizer.ggml.add_space_prefix')).toBe(true);
    expect(tokens.items?.length).toBe(32008);
    expect(tokens.items?.slice(29871, 29872)).toEqual(['\u2581']);
    expect(tokens.items?.slice(32000)).toEqual([...MATHCODER_ADDED_TOKENS]);
    // A 32008-token output matrix and embedding on 64 dimensions, in f32.
    expect(model.bytes.byteLength).toBeLessThan(20e6);
  });

  it('tokenizes as llama-tokenizer-js does, and its script with the space llama.cpp puts after a special token', () => {
    if (typeof tokens !== 'object' || typeof scores !== 'object') throw new Error('no arrays');
    const vocab = { tokens: tokens.items as string[], scores: scores.items as number[] };
    const ids = new Map(vocab.tokens.map((t, i) => [t, i]));
    const sentence = 'Janet’s ducks lay 16 eggs per day, so she sells \\(16 - 3 - 4 = 9\\).';
    const escaped = ` ${sentence}`.replaceAll(' ', '\u2581');
    expect(spmTokenize(escaped, vocab, ids)).toEqual(llamaTokenizer.encode(sentence, false));
    const prose = ' To multiply six by seven, we use Python:'.replaceAll(' ', '\u2581');
    expect(spmTokenize(prose, vocab, ids)).toEqual(model.pieceIds.prose);
  });
});

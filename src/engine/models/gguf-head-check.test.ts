import { describe, expect, it } from 'vitest';
import { ggufHeader } from '../../../scripts/test-model/gguf-writer';
import { MATHCODER_ADDED_TOKENS } from '../formats/mathcoder';
import { checkGgufHead } from './gguf-head-check';

const head = (tokens: readonly string[]) =>
  ggufHeader(
    [
      ['general.architecture', { type: 'string', value: 'llama' }],
      ['general.file_type', { type: 'u32', value: 0 }],
      ['split.count', { type: 'u32', value: 2 }],
      ['tokenizer.ggml.tokens', { type: 'strings', value: tokens }],
    ],
    [],
  );

describe('checkGgufHead', () => {
  it('gives what the folder check needs, and the MathCoder tokens the vocabulary lacks', () => {
    const [first, ...rest] = MATHCODER_ADDED_TOKENS;
    expect(checkGgufHead(head(['a', 'b', ...rest]))).toEqual({
      ok: true,
      splitCount: 2,
      architecture: 'llama',
      fileType: 0,
      missingMathCoderTokens: [first],
    });
    expect(checkGgufHead(head(MATHCODER_ADDED_TOKENS))).toMatchObject({
      missingMathCoderTokens: [],
    });
  });

  it('says why bytes are not a GGUF header instead of throwing', () => {
    expect(checkGgufHead(new TextEncoder().encode('not a model'))).toEqual({
      ok: false,
      message: 'This is not a GGUF file (wrong magic number).',
    });
  });
});

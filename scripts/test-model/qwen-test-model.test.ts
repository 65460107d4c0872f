import { describe, expect, it } from 'vitest';
import { readGgufHeader, TOKEN_TYPE } from '../../src/engine/gguf/gguf';
import { promptFormatOf } from '../../src/engine/hub/remote-gguf-header';
import { bpeTokenize, byteLevel, mergeRanks, qwen2Words } from './byte-level-bpe';
import { buildQwenTestModel, QWEN_TEST_ANSWER, QWEN_TEST_SCRIPT } from './qwen-test-model';

describe('the Qwen2 test GGUF', () => {
  const model = buildQwenTestModel();
  const header = readGgufHeader(model.bytes, [
    'tokenizer.ggml.tokens',
    'tokenizer.ggml.token_type',
    'tokenizer.ggml.merges',
  ]);
  const meta = header.metadata;
  const items = (key: string) => {
    const value = meta.get(key);
    if (typeof value !== 'object' || !value.items) throw new Error(`no ${key}`);
    return value.items;
  };

  it('is a one-layer qwen2 with q/k/v biases, a gpt2 tokenizer with the qwen2 pre-tokenizer, and Qwen chat tokens', () => {
    expect(meta.get('general.architecture')).toBe('qwen2');
    expect(meta.get('qwen2.block_count')).toBe(1);
    expect(header.tensorCount).toBe(15n);
    expect(meta.get('tokenizer.ggml.model')).toBe('gpt2');
    expect(meta.get('tokenizer.ggml.pre')).toBe('qwen2');
    const tokens = items('tokenizer.ggml.tokens');
    const types = items('tokenizer.ggml.token_type');
    const imEnd = tokens.indexOf('<|im_end|>');
    expect(tokens.indexOf('<|im_start|>')).toBe(imEnd - 1);
    expect(types[imEnd]).toBe(TOKEN_TYPE.control);
    expect(meta.get('tokenizer.ggml.eos_token_id')).toBe(imEnd);
    expect(model.bytes.byteLength).toBeLessThan(1e6);
    // The app reads Qwen2.5-Math's tool-integrated format from it, as from the published file.
    expect(promptFormatOf(header)).toBe('qwen-tir');
  });

  it('scripts one token per word, and its answer tokenizes back into exactly those tokens', () => {
    const tokens = items('tokenizer.ggml.tokens');
    const ranks = mergeRanks(items('tokenizer.ggml.merges') as string[]);
    const words = qwen2Words(QWEN_TEST_ANSWER);
    expect(bpeTokenize(QWEN_TEST_ANSWER, ranks)).toEqual(words.map(byteLevel));
    for (const word of [...QWEN_TEST_SCRIPT.prose, ...QWEN_TEST_SCRIPT.code]) {
      expect(tokens).toContain(byteLevel(word));
    }
    // The prose ends where the fence begins, and the code's lines are words of their own.
    expect(words.slice(9, 13)).toEqual([':\n', '```', 'python', '\n']);
    expect(words).toContain('```\n');
  });
});

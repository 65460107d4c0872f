import { describe, expect, it } from 'vitest';
import { readGgufHeader, TOKEN_TYPE } from '../../src/engine/gguf/gguf';
import { promptFormatOf } from '../../src/engine/hub/remote-gguf-header';
import { bpeTokenize, mergeRanks } from './byte-level-bpe';
import { alignmentPadding, GGML_TYPE, ggufHeader } from './gguf-writer';
import { qwenFullSizeModel, qwenTensorType } from './qwen-full-size-model';
import { QWEN2_VOCAB_SIZE } from './qwen-vocab';

describe('the Qwen2.5-Math-1.5B-shaped GGUF', () => {
  const model = qwenFullSizeModel();
  const header = ggufHeader(model.metadata, model.tensors);
  const byName = new Map(model.tensors.map((t) => [t.name, t]));
  const fileSize = model.tensors.reduce(
    (size, t) => size + t.byteLength + alignmentPadding(t.byteLength),
    header.byteLength,
  );

  it('has the published model tensors: 28 layers of 12, the embedding and the final norm, and no output matrix', () => {
    expect(model.tensors).toHaveLength(2 + 28 * 12);
    expect(byName.has('output.weight')).toBe(false);
    expect(byName.get('token_embd.weight')?.dims).toEqual([1536, QWEN2_VOCAB_SIZE]);
    expect(byName.get('blk.0.attn_k.weight')?.dims).toEqual([1536, 256]);
    expect(byName.get('blk.0.attn_q.bias')).toMatchObject({
      dims: [1536],
      ggmlType: GGML_TYPE.F32,
    });
    expect(byName.get('blk.27.attn_v.bias')).toMatchObject({
      dims: [256],
      ggmlType: GGML_TYPE.F32,
    });
    expect(byName.get('blk.27.ffn_down.weight')?.dims).toEqual([8960, 1536]);
  });

  it('types its matrices as llama.cpp quantizes Q4_K_M with a tied output', () => {
    expect(byName.get('token_embd.weight')?.ggmlType).toBe(GGML_TYPE.Q6_K);
    // 28 layers: the first three, the last four and every third from layer 5 get Q6_K attn_v and ffn_down.
    const sixBit = [0, 1, 2, 5, 8, 11, 14, 17, 20, 23, 24, 25, 26, 27];
    for (let i = 0; i < 28; i++) {
      const want = sixBit.includes(i) ? GGML_TYPE.Q6_K : GGML_TYPE.Q4_K;
      expect(byName.get(`blk.${i}.attn_v.weight`)?.ggmlType).toBe(want);
      expect(byName.get(`blk.${i}.ffn_down.weight`)?.ggmlType).toBe(want);
      expect(byName.get(`blk.${i}.attn_q.weight`)?.ggmlType).toBe(GGML_TYPE.Q4_K);
    }
    expect(qwenTensorType('blk.3.ffn_gate.weight', 3, 28)).toBe(GGML_TYPE.Q4_K);
  });

  it('has the byte sizes of those types and comes within 0.5 % of the published 986 MB file', () => {
    // 151936 × 1536 weights in Q6_K blocks of 256 (210 bytes); 1536 × 8960 in Q4_K (144) or Q6_K.
    expect(byName.get('token_embd.weight')?.byteLength).toBe((151_936 * 1536 * 210) / 256);
    expect(byName.get('blk.3.ffn_down.weight')?.byteLength).toBe((8960 * 1536 * 144) / 256);
    expect(byName.get('blk.2.ffn_down.weight')?.byteLength).toBe((8960 * 1536 * 210) / 256);
    expect(fileSize).toBeGreaterThan(986e6 * 0.995);
    expect(fileSize).toBeLessThan(986e6 * 1.005);
  });

  it('reads back as Qwen2 with its hyperparameters and a byte-level BPE vocabulary llama.cpp accepts', () => {
    const read = readGgufHeader(header, ['tokenizer.ggml.tokens', 'tokenizer.ggml.token_type']);
    const meta = read.metadata;
    expect(read.tensorCount).toBe(338n);
    expect(meta.get('general.architecture')).toBe('qwen2');
    expect(meta.get('qwen2.block_count')).toBe(28);
    expect(meta.get('qwen2.embedding_length')).toBe(1536);
    expect(meta.get('qwen2.feed_forward_length')).toBe(8960);
    expect(meta.get('qwen2.attention.head_count')).toBe(12);
    expect(meta.get('qwen2.attention.head_count_kv')).toBe(2);
    expect(meta.get('qwen2.context_length')).toBe(4096);
    expect(meta.get('qwen2.rope.freq_base')).toBe(10000);
    expect(meta.get('qwen2.attention.layer_norm_rms_epsilon')).toBeCloseTo(1e-6, 10);
    expect(meta.get('tokenizer.ggml.model')).toBe('gpt2');
    expect(meta.get('tokenizer.ggml.pre')).toBe('qwen2');
    const tokens = meta.get('tokenizer.ggml.tokens');
    const types = meta.get('tokenizer.ggml.token_type');
    if (typeof tokens !== 'object' || typeof types !== 'object') throw new Error('no arrays');
    expect(tokens.length).toBe(QWEN2_VOCAB_SIZE);
    const imEnd = tokens.items!.indexOf('<|im_end|>');
    expect([
      tokens.items!.indexOf('<|endoftext|>'),
      tokens.items!.indexOf('<|im_start|>'),
      imEnd,
    ]).toEqual([151_643, 151_644, 151_645]);
    expect(types.items![imEnd]).toBe(TOKEN_TYPE.control);
    expect(meta.get('tokenizer.ggml.eos_token_id')).toBe(imEnd);
    // The app picks Qwen2.5-Math's tool-integrated format from this header, as it does for the published file.
    expect(promptFormatOf(read)).toBe('qwen-tir');
  });

  it('has one merge per regular token after the bytes, each joining two tokens of the vocabulary', () => {
    const merges = model.metadata.find(([key]) => key === 'tokenizer.ggml.merges')?.[1];
    const tokens = model.metadata.find(([key]) => key === 'tokenizer.ggml.tokens')?.[1];
    if (merges?.type !== 'strings' || tokens?.type !== 'strings') throw new Error('no vocabulary');
    expect(merges.value).toHaveLength(151_643 - 256);
    const known = new Set(tokens.value);
    for (const merge of merges.value.slice(0, 2000)) {
      const [left = '', right = '', ...rest] = merge.split(' ');
      expect(rest).toEqual([]);
      expect(known.has(left) && known.has(right) && known.has(left + right)).toBe(true);
    }
    // Any text tokenizes into tokens of the vocabulary.
    const ranks = mergeRanks(merges.value);
    for (const token of bpeTokenize('Find x if 2x + 3 = 11.\n', ranks)) {
      expect(known.has(token)).toBe(true);
    }
  });
});

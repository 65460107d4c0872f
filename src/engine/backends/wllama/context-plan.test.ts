import { describe, expect, it } from 'vitest';
import { describePlan, kvCacheBytes, planCpuContext, readModelShape } from './context-plan';
import type { GgufValue } from '../../gguf/gguf';

const GiB = 1024 ** 3;
const LLAMA_7B = { layers: 32, kvWidth: 4096 };

describe('readModelShape', () => {
  it('reads layers and the KV width, with fewer KV heads than query heads', () => {
    const metadata = new Map<string, GgufValue>([
      ['general.architecture', 'qwen2'],
      ['qwen2.block_count', 28],
      ['qwen2.embedding_length', 1536],
      ['qwen2.attention.head_count', 12],
      ['qwen2.attention.head_count_kv', 2],
    ]);
    expect(readModelShape(metadata)).toEqual({ layers: 28, kvWidth: 256 });
  });

  it('gives null when the header lacks the dimensions', () => {
    expect(readModelShape(new Map([['general.architecture', 'llama']]))).toBeNull();
  });
});

describe('planCpuContext', () => {
  it('sizes Llama-2-7B’s f16 cache at 2048 tokens as 1 GiB', () => {
    expect(kvCacheBytes(LLAMA_7B, 2048, 'f16')).toBe(GiB);
  });

  it('quantizes the cache before it shortens the context', () => {
    // 3.2 GB of weights leave about 0.86 GiB: too little for an f16 cache at 2048 tokens (1 GiB), enough for q8_0.
    const plan = planCpuContext(LLAMA_7B, 3.2e9, 2048);
    expect(plan).toMatchObject({ contextLength: 2048, cacheType: 'q8_0', fits: true });
    expect(describePlan(plan, 2048)).toBe(
      '2048-token context with a q8_0-quantized KV cache, to fit the 4 GiB of WebAssembly memory on the CPU',
    );
  });

  it('falls back to the smallest context with a q4_0 cache, marked as not fitting, when nothing fits', () => {
    expect(planCpuContext(LLAMA_7B, 4.08e9, 2048)).toMatchObject({
      contextLength: 512,
      cacheType: 'q4_0',
      fits: false,
    });
  });

  it('says nothing when the listed context is used as is', () => {
    const plan = planCpuContext(LLAMA_7B, 1e9, 2048);
    expect(plan).toMatchObject({ contextLength: 2048, cacheType: 'f16' });
    expect(describePlan(plan, 2048)).toBeNull();
  });
});

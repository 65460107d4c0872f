import { describe, expect, it } from 'vitest';
import { rawParamsFromRuntime } from './raw-params';

describe("the wllama-only page's settings from the app's runtime line", () => {
  it('takes the device, threads, context and quantized cache the app chose', () => {
    expect(
      rawParamsFromRuntime(
        "llama.cpp (wllama) on WebGPU, 1 thread; 2048-token context with a q4_0-quantized KV cache, since the 2048-token context did not fit in this tab's memory",
      ),
    ).toEqual({
      n_ctx: 2048,
      n_threads: 1,
      n_gpu_layers: 999,
      n_parallel: 1,
      cache_type_k: 'q4_0',
      cache_type_v: 'q4_0',
      flash_attn: true,
    });
    expect(
      rawParamsFromRuntime(
        'llama.cpp (wllama) on CPU, 2 threads; 512-token context instead of 2048 with an f16 KV cache, to fit the 4 GiB of WebAssembly memory on the CPU',
      ),
    ).toEqual({ n_ctx: 512, n_threads: 2, n_gpu_layers: 0, n_parallel: 1 });
  });

  it("is the app's default context when nothing was cut, and refuses a line it cannot read", () => {
    expect(rawParamsFromRuntime('llama.cpp (wllama) on CPU, 1 thread').n_ctx).toBe(2048);
    expect(() => rawParamsFromRuntime('WebLLM on WebGPU')).toThrow(/thread/);
    expect(() => rawParamsFromRuntime('something else, 1 thread')).toThrow(/device/);
  });
});

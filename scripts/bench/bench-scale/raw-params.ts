// wllama's load settings for the wllama-only page, read back from the app's runtime line ("llama.cpp (wllama) on
// WebGPU, 1 thread; 2048-token context with a q4_0-quantized KV cache, …"), so both run with what the app chose.
import type { LoadModelParams } from '@wllama/wllama/esm/index.js';

/** The app's context when the model list names none and nothing had to be cut to fit. */
const DEFAULT_CONTEXT = 2048;

export function rawParamsFromRuntime(runtime: string): LoadModelParams {
  const webgpu = / on WebGPU\b/.test(runtime);
  if (!webgpu && !/ on CPU\b/.test(runtime)) throw new Error(`No device in "${runtime}".`);
  const threads = Number(/(\d+) threads?\b/.exec(runtime)?.[1] ?? NaN);
  if (!Number.isInteger(threads)) throw new Error(`No thread count in "${runtime}".`);
  const context = Number(/(\d+)-token context/.exec(runtime)?.[1] ?? DEFAULT_CONTEXT);
  const cache = /\b(q8_0|q4_0)-quantized KV cache/.exec(runtime)?.[1] as
    'q8_0' | 'q4_0' | undefined;
  return {
    n_ctx: context,
    n_threads: threads,
    n_gpu_layers: webgpu ? 999 : 0,
    n_parallel: 1,
    ...(cache ? { cache_type_k: cache, cache_type_v: cache, flash_attn: true } : {}),
  };
}

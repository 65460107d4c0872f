import type { LoadModelParams, Wllama } from '@wllama/wllama/esm/index.js';
import { EngineError, outOfMemoryMessage } from '../../errors';
import { describePlan, planCpuContext, type ContextPlan, type ModelShape } from './context-plan';

/** The part of wllama's `Wllama` that starting llama.cpp uses (the real one in the app, a stand-in in tests). */
export type WllamaStarter = Pick<Wllama, 'loadModel' | 'getLoadedContextInfo' | 'exit'>;

export interface StartOptions {
  webgpu: boolean;
  threads: number;
  /** The context the model list asks for. */
  contextLength: number;
  /** From the first part's header; without it the CPU path cannot size the cache and asks for `contextLength`. */
  shape: ModelShape | null;
}

export interface StartedContext {
  /** Tokens the context really holds, as llama.cpp reports after loading. */
  contextLength: number;
  /** What was chosen to fit, in words, or null when the model list's context was used as is. */
  choice: string | null;
}

/**
 * When the weights leave no room for a context in the tab's 4 GiB of WebAssembly memory, that is what ran out on WebGPU
 * too (measured at full size on software WebGPU: a 4.1 GB Q4_K_M loads with no context at all, a 3.8 GB Q4_0 with 2048 tokens).
 */
function besideWebGpuMessage(): string {
  return (
    'Not enough WebAssembly memory in this tab: llama.cpp uses up to 4 GiB of it beside WebGPU, and the weights left no room for the context. ' +
    'Choose a smaller quantization of the model (Q4_0 for a 7B model is about 3.8 GB) or a smaller context.'
  );
}

function paramsFor(plan: ContextPlan | null, options: StartOptions): LoadModelParams {
  const params: LoadModelParams = {
    n_ctx: plan?.contextLength ?? options.contextLength,
    n_threads: options.threads,
    n_gpu_layers: options.webgpu ? 999 : 0,
    // One conversation at a time: a single slot keeps the whole KV cache for the current problem.
    n_parallel: 1,
  };
  if (plan && plan.cacheType !== 'f16') {
    params.cache_type_k = plan.cacheType;
    params.cache_type_v = plan.cacheType;
    // llama.cpp quantizes the V cache only with flash attention.
    params.flash_attn = true;
  }
  return params;
}

/**
 * Loads the parts into llama.cpp with a context that fits (on the CPU, weights and cache share a 4 GiB heap) and
 * checks that the context exists: wllama resolves with `n_ctx` 0 when llama.cpp could not allocate the KV cache.
 */
export async function startLlamaCpp(
  wllama: WllamaStarter,
  parts: Blob[],
  options: StartOptions,
): Promise<StartedContext> {
  const weightsBytes = parts.reduce((n, p) => n + p.size, 0);
  let plan =
    !options.webgpu && options.shape
      ? planCpuContext(options.shape, weightsBytes, options.contextLength)
      : null;
  let params = paramsFor(plan, options);
  await wllama.loadModel(parts, params);
  let allocated = wllama.getLoadedContextInfo().n_ctx;
  let retried = false;
  // Measured on software WebGPU at full size: the weights stay in the tab's 4 GiB of WebAssembly memory and a 2048-token
  // f16 cache does not fit beside them. One more try with the plan that fits there beats no model.
  if (!(allocated > 0) && options.webgpu && options.shape) {
    const fitting = planCpuContext(options.shape, weightsBytes, options.contextLength);
    if (fitting.cacheType !== 'f16' || fitting.contextLength < params.n_ctx!) {
      await wllama.exit();
      plan = fitting;
      params = paramsFor(plan, options);
      await wllama.loadModel(parts, params);
      allocated = wllama.getLoadedContextInfo().n_ctx;
      retried = true;
    }
  }
  if (!(allocated > 0)) {
    const asked = `${params.n_ctx}-token context${plan && plan.cacheType !== 'f16' ? ` (${plan.cacheType} KV cache)` : ''}`;
    throw new EngineError(
      'out-of-memory',
      `llama.cpp loaded the weights (${(weightsBytes / 1e9).toFixed(1)} GB) but could not allocate the ${asked}` +
        `${retried ? `, nor the ${options.contextLength}-token context asked for first` : ''}. ` +
        (retried && !plan?.fits
          ? besideWebGpuMessage()
          : outOfMemoryMessage(options.webgpu ? 'gpu' : 'wasm')),
    );
  }
  return {
    contextLength: allocated,
    choice: plan
      ? describePlan(
          { ...plan, contextLength: allocated },
          options.contextLength,
          retried ? 'webgpu' : 'cpu',
        )
      : null,
  };
}

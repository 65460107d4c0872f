import type { LoadedContextInfo, LoadModelParams } from '@wllama/wllama/esm/index.js';
import { describe, expect, it } from 'vitest';
import type { ModelShape } from './context-plan';
import { startLlamaCpp, type WllamaStarter } from './start-llama-cpp';

/** A part of a given size without its bytes: a 7B model's parts would not fit in a test's memory. */
class SizedBlob extends Blob {
  constructor(private readonly claimedSize: number) {
    super([]);
  }
  override get size() {
    return this.claimedSize;
  }
}

function contextInfo(nCtx: number): LoadedContextInfo {
  return {
    n_vocab: 32008,
    n_ctx: nCtx,
    n_batch: 512,
    n_ubatch: 512,
    n_ctx_train: 4096,
    n_embd: 4096,
    n_layer: 32,
    metadata: {},
    token_bos: 1,
    token_eos: 2,
    token_eot: -1,
    list_tokens_eog: [2],
    has_encoder: false,
    token_decoder_start: -1,
    add_bos_token: true,
    add_eos_token: false,
    has_image_input: false,
    has_audio_input: false,
  };
}

/** Resolves like wllama does: `n_ctx` is whatever llama.cpp managed to allocate, 0 when the KV cache failed. */
function standIn(allocate: (params: LoadModelParams) => number) {
  const loads: LoadModelParams[] = [];
  let nCtx = -1;
  let exits = 0;
  const wllama: WllamaStarter = {
    async loadModel(_parts, params = {}) {
      loads.push(params);
      nCtx = allocate(params);
    },
    getLoadedContextInfo: () => contextInfo(nCtx),
    async exit() {
      exits++;
    },
  };
  return { wllama, loads, exits: () => exits };
}

const LLAMA_7B: ModelShape = { layers: 32, kvWidth: 4096 };
const Q4_0_7B = [new SizedBlob(3.83e9)];

describe('startLlamaCpp', () => {
  it('fails a load whose KV cache llama.cpp could not allocate, naming WebAssembly memory on the CPU', async () => {
    const { wllama } = standIn(() => 0);
    const start = startLlamaCpp(wllama, [new SizedBlob(1e9)], {
      webgpu: false,
      threads: 1,
      contextLength: 2048,
      shape: LLAMA_7B,
    });
    await expect(start).rejects.toMatchObject({
      code: 'out-of-memory',
      message: expect.stringMatching(
        /could not allocate the 2048-token context\. Not enough WebAssembly memory .* on the CPU/,
      ),
    });
    await expect(start).rejects.not.toMatchObject({
      message: expect.stringMatching(/GPU memory/),
    });
  });

  it('names GPU memory when the context failed on the WebGPU path', async () => {
    const { wllama } = standIn(() => 0);
    await expect(
      startLlamaCpp(wllama, Q4_0_7B, {
        webgpu: true,
        threads: 1,
        contextLength: 2048,
        shape: LLAMA_7B,
      }),
    ).rejects.toMatchObject({
      code: 'out-of-memory',
      message: expect.stringMatching(/Not enough GPU memory/),
    });
  });

  it('on WebGPU, tries once more with the plan that fits in 4 GiB when the listed context does not, and says so', async () => {
    // As measured on software WebGPU: an f16 cache at 2048 tokens fails beside 3.8 GB of weights.
    const { wllama, loads, exits } = standIn((p) => (p.cache_type_k ? (p.n_ctx ?? 0) : 0));
    const started = await startLlamaCpp(wllama, Q4_0_7B, {
      webgpu: true,
      threads: 1,
      contextLength: 2048,
      shape: LLAMA_7B,
    });
    expect(loads.map((p) => [p.n_ctx, p.cache_type_k, p.n_gpu_layers])).toEqual([
      [2048, undefined, 999],
      [1024, 'q8_0', 999],
    ]);
    expect(exits()).toBe(1);
    expect(started).toEqual({
      contextLength: 1024,
      choice:
        "1024-token context instead of 2048 with a q8_0-quantized KV cache, since the 2048-token context did not fit in this tab's memory",
    });

    // When the second try fails too, the message says both.
    const none = standIn(() => 0);
    await expect(
      startLlamaCpp(none.wllama, Q4_0_7B, {
        webgpu: true,
        threads: 1,
        contextLength: 2048,
        shape: LLAMA_7B,
      }),
    ).rejects.toMatchObject({
      code: 'out-of-memory',
      message: expect.stringMatching(
        /could not allocate the 1024-token context \(q8_0 KV cache\), nor the 2048-token context asked for first\. Not enough GPU memory/,
      ),
    });
  });

  it('on WebGPU, names WebAssembly memory and a smaller quantization when the weights leave it no room for a context', async () => {
    // As measured on software WebGPU with a 4.1 GB Q4_K_M 7B: no context loads beside it, not even 512 tokens of q4_0.
    const { wllama, loads } = standIn(() => 0);
    const start = startLlamaCpp(wllama, [new SizedBlob(4.08e9)], {
      webgpu: true,
      threads: 1,
      contextLength: 2048,
      shape: LLAMA_7B,
    });
    await expect(start).rejects.toMatchObject({
      code: 'out-of-memory',
      message: expect.stringMatching(
        /could not allocate the 512-token context \(q4_0 KV cache\), nor the 2048-token context asked for first\. Not enough WebAssembly memory in this tab: .* smaller quantization/,
      ),
    });
    await expect(start).rejects.not.toMatchObject({ message: expect.stringMatching(/GPU memory/) });
    expect(loads.map((p) => [p.n_ctx, p.cache_type_k])).toEqual([
      [2048, undefined],
      [512, 'q4_0'],
    ]);
  });

  it('chooses a context that fits beside 7B weights in 4 GiB on the CPU and says what it chose', async () => {
    const { wllama, loads } = standIn((p) => p.n_ctx ?? 0);
    const started = await startLlamaCpp(wllama, Q4_0_7B, {
      webgpu: false,
      threads: 1,
      contextLength: 2048,
      shape: LLAMA_7B,
    });
    // 3.83 GB of weights leave about 280 MiB: an f16 cache at 2048 tokens takes 1 GiB, a q8_0 one at 1024 272 MiB.
    expect(loads[0]).toMatchObject({
      n_ctx: 1024,
      n_gpu_layers: 0,
      cache_type_k: 'q8_0',
      cache_type_v: 'q8_0',
      flash_attn: true,
    });
    expect(started).toEqual({
      contextLength: 1024,
      choice:
        '1024-token context instead of 2048 with a q8_0-quantized KV cache, to fit the 4 GiB of WebAssembly memory on the CPU',
    });
  });

  it('keeps the listed context and an f16 cache when they fit, and on WebGPU', async () => {
    for (const [webgpu, parts] of [
      [false, [new SizedBlob(1.5e9)]],
      [true, Q4_0_7B],
    ] as const) {
      const { wllama, loads } = standIn((p) => p.n_ctx ?? 0);
      const started = await startLlamaCpp(wllama, [...parts], {
        webgpu,
        threads: 1,
        contextLength: 2048,
        shape: LLAMA_7B,
      });
      expect(loads[0]?.n_ctx).toBe(2048);
      expect(loads[0]?.cache_type_k).toBeUndefined();
      expect(loads[0]?.n_gpu_layers).toBe(webgpu ? 999 : 0);
      expect(started).toEqual({ contextLength: 2048, choice: null });
    }
  });

  it('reports the context llama.cpp really allocated', async () => {
    const { wllama } = standIn(() => 1536);
    const started = await startLlamaCpp(wllama, [new SizedBlob(1e6)], {
      webgpu: true,
      threads: 1,
      contextLength: 2048,
      shape: null,
    });
    expect(started.contextLength).toBe(1536);
  });
});

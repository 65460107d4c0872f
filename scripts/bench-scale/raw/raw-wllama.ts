/// <reference types="vite/client" />
// wllama without the app: loads the same GGUF parts with the same settings and runs one completion, so the benchmark
// can tell the app's cost from llama.cpp's. Driven by scripts/bench-scale.ts through `window.rawWllama`.
import { Wllama, type LoadModelParams } from '@wllama/wllama/esm/index.js';
import wasmUrl from '@wllama/wllama/esm/wasm/wllama.wasm?url';

export interface RawRun {
  partUrls: string[];
  params: LoadModelParams;
  prompt: string;
  stop: string[];
  maxTokens: number;
}

export interface RawLoad {
  fetchSeconds: number;
  loadSeconds: number;
  contextLength: number;
  threads: number;
}

export interface RawCompletion {
  /** llama.cpp's own timings of the completion. */
  promptTokens: number;
  prefillTokensPerSecond: number;
  completionTokens: number;
  decodeTokensPerSecond: number;
  /** Wall time from the call to the first streamed chunk, and to the last. */
  firstChunkSeconds: number | null;
  seconds: number;
}

let wllama: Wllama | null = null;

async function load(run: RawRun): Promise<RawLoad> {
  const fetched = performance.now();
  const parts = await Promise.all(
    run.partUrls.map(async (url) => {
      const response = await fetch(url);
      if (!response.ok) throw new Error(`${url}: ${response.status}`);
      return response.blob();
    }),
  );
  const started = performance.now();
  wllama = new Wllama({ default: wasmUrl }, { suppressNativeLog: true });
  await wllama.loadModel(parts, run.params);
  return {
    fetchSeconds: (started - fetched) / 1000,
    loadSeconds: (performance.now() - started) / 1000,
    contextLength: wllama.getLoadedContextInfo().n_ctx,
    threads: wllama.getNumThreads(),
  };
}

async function complete(run: RawRun): Promise<RawCompletion> {
  if (!wllama) throw new Error('Load first.');
  // As the app does: llama.cpp adds BOS itself.
  const prompt =
    wllama.mustAddBosToken() && run.prompt.startsWith('<s>') ? run.prompt.slice(3) : run.prompt;
  const started = performance.now();
  let first: number | null = null;
  let timings: { prompt_n: number; prompt_per_second: number } & {
    predicted_n: number;
    predicted_per_second: number;
  } = { prompt_n: 0, prompt_per_second: 0, predicted_n: 0, predicted_per_second: 0 };
  const stream = await wllama.createCompletion({
    prompt,
    stream: true,
    stop: run.stop,
    max_tokens: run.maxTokens,
    temperature: 0,
    top_k: 1,
    // The whole prompt each time, as the app reads a problem's first block.
    cache_prompt: false,
  } as Parameters<Wllama['createCompletion']>[0] & { stream: true; cache_prompt: boolean });
  for await (const chunk of stream) {
    first ??= performance.now();
    if (chunk.timings) timings = chunk.timings;
  }
  return {
    promptTokens: timings.prompt_n,
    prefillTokensPerSecond: timings.prompt_per_second,
    completionTokens: timings.predicted_n,
    decodeTokensPerSecond: timings.predicted_per_second,
    firstChunkSeconds: first === null ? null : (first - started) / 1000,
    seconds: (performance.now() - started) / 1000,
  };
}

Object.assign(window, { rawWllama: { load, complete } });

/// <reference types="vite/client" />
// wllama without the app: loads the same GGUF parts with the same settings and runs one completion, so the benchmark
// can tell the app's cost from llama.cpp's. Driven by scripts/bench/bench-scale.ts through `window.rawWllama`.
import { Wllama, type LoadModelParams } from '@wllama/wllama/esm/index.js';
import wasmUrl from '@wllama/wllama/esm/wasm/wllama.wasm?url';
import compatWorkerUrl from '@wllama/wllama-compat/wasm/wllama.js?url';
import compatWasmUrl from '@wllama/wllama-compat/wasm/wllama.wasm?url';

export interface RawRun {
  partUrls: string[];
  params: LoadModelParams;
  prompt: string;
  stop: string[];
  maxTokens: number;
  /** Several can be loaded at once (bench:native's candidates); one unnamed by default. */
  id?: string;
  /** wllama's build without memory64 or JSPI, which Chromium would not otherwise get. */
  compat?: boolean;
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

/** What the benchmarks call on `window.rawWllama`. */
export interface RawWllamaApi {
  load(run: RawRun): Promise<RawLoad>;
  complete(run: RawRun): Promise<RawCompletion>;
  unload(run: RawRun): Promise<void>;
}

const loaded = new Map<string, Wllama>();

/** wllama picks its compat build only where JSPI is missing: hidden for the one load that asks for it. */
async function loadCompat(wllama: Wllama, parts: Blob[], params: LoadModelParams) {
  wllama.setCompat({ worker: compatWorkerUrl, wasm: compatWasmUrl });
  const wasm = WebAssembly as unknown as Record<string, unknown>;
  const suspending = wasm.Suspending;
  Object.defineProperty(WebAssembly, 'Suspending', { value: undefined, configurable: true });
  try {
    await wllama.loadModel(parts, params);
  } finally {
    Object.defineProperty(WebAssembly, 'Suspending', { value: suspending, configurable: true });
  }
}

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
  const wllama = new Wllama({ default: wasmUrl }, { suppressNativeLog: true });
  if (run.compat) await loadCompat(wllama, parts, run.params);
  else await wllama.loadModel(parts, run.params);
  loaded.set(run.id ?? '', wllama);
  return {
    fetchSeconds: (started - fetched) / 1000,
    loadSeconds: (performance.now() - started) / 1000,
    contextLength: wllama.getLoadedContextInfo().n_ctx,
    threads: wllama.getNumThreads(),
  };
}

async function unload(run: RawRun): Promise<void> {
  await loaded.get(run.id ?? '')?.exit();
  loaded.delete(run.id ?? '');
}

async function complete(run: RawRun): Promise<RawCompletion> {
  const wllama = loaded.get(run.id ?? '');
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

const api: RawWllamaApi = { load, complete, unload };
Object.assign(window, { rawWllama: api });

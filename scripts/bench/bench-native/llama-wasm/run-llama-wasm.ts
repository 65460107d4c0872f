// Runs decode.cpp's WebAssembly build in a Chromium page (decode-page.html): the model is fetched into emscripten's in-memory file system
// and llama.cpp reads it into its heap (the tab has no mmap), then one timed generation prints one JSON line.
import type { Page } from '@playwright/test';
import type { LlamaBuild } from './build-llama-wasm.ts';

export interface LlamaWasmSpeed {
  promptTokens: number;
  prefillTokensPerSecond: number;
  decodeTokensPerSecond: number;
}

export interface LlamaWasmRun {
  /** URL path of the folder holding the variant's decode.js and decode.wasm. */
  folder: string;
  modelUrl: string;
  prompt: string;
  tokens: number;
  threads: number;
  contextLength: number;
  cacheType: string;
}

interface Printed {
  prompt_tokens: number;
  prefill_tok_s: number;
  decode_tok_s: number;
}

/** One generation on a fresh page, so that nothing of a previous run's 1–4 GB heap is kept. */
export async function runLlamaWasm(page: Page, run: LlamaWasmRun): Promise<LlamaWasmSpeed> {
  await page.goto(new URL(`${run.folder}/`, run.modelUrl).href);
  const printed = await page.evaluate((r) => window.runDecode!(r), run);
  const p = JSON.parse(printed) as Printed;
  return {
    promptTokens: p.prompt_tokens,
    prefillTokensPerSecond: p.prefill_tok_s,
    decodeTokensPerSecond: p.decode_tok_s,
  };
}

declare global {
  interface Window {
    /** decode-page.html's entry point. */
    runDecode?: (run: LlamaWasmRun) => Promise<string>;
  }
}

export const variantFolder = (variant: LlamaBuild) => `/llama-wasm/${variant}`;

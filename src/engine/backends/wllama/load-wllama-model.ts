import { Wllama, type LoadModelParams } from '@wllama/wllama/esm/index.js';
import wasmUrl from '@wllama/wllama/esm/wasm/wllama.wasm?url';
import { abortError } from '../../abort';
import { EngineError, isAbortError, toEngineError } from '../../errors';
import { MATHCODER_ADDED_TOKENS } from '../../formats/mathcoder';
import type { FormatId } from '../../formats/prompt-format';
import { selfHostedModelDir, type ModelOption } from '../../models/catalog';
import type { LanguageModel } from '../../types';
import type { LoadModelOptions } from '../load-model';
import { downloadParts } from './download-parts';
import { patchControlTokensToUserDefined, readGgufHeader } from './gguf';
import { createWllamaLanguageModel } from './wllama-language-model';

/** Special tokens each format needs to see in the text: a standard conversion types them CONTROL, which llama.cpp hides. */
const TEXT_TOKENS: Record<FormatId, readonly string[]> = {
  mathcoder: MATHCODER_ADDED_TOKENS,
  'qwen-tir': [],
};

const BOS_TEXT: Partial<Record<FormatId, string>> = { mathcoder: '<s>' };

async function hasWebGPUAdapter(): Promise<boolean> {
  try {
    const gpu = (navigator as Navigator & { gpu?: GPU }).gpu;
    return gpu ? (await gpu.requestAdapter()) !== null : false;
  } catch {
    return false;
  }
}

/** The absolute URLs of a GGUF model's parts. */
export function ggufPartUrls(option: ModelOption, baseUrl: string): string[] {
  const dir = option.selfHosted ? selfHostedModelDir(option, baseUrl) : baseUrl;
  return (option.ggufParts ?? []).map((p) => new URL(p.file, dir).href);
}

function checkSplit(first: Uint8Array, partCount: number, url: string) {
  const count = readGgufHeader(first).metadata.get('split.count');
  const expected = count === undefined ? 1 : Number(count);
  if (expected !== partCount) {
    throw new EngineError(
      'model-files-missing',
      `${url} is part 1 of ${expected}, but ${partCount} part(s) are configured for this model. Split it again as public/models/README.md says.`,
    );
  }
}

/** Downloads a GGUF model, lets its special tokens show in the text, and starts llama.cpp on WebGPU or the CPU. */
export async function loadWllamaModel(
  option: ModelOption,
  { baseUrl, onProgress, signal }: LoadModelOptions,
): Promise<LanguageModel> {
  const urls = ggufPartUrls(option, baseUrl);
  const parts = await downloadParts(
    urls.map((url, i) => ({ url, sizeBytes: option.ggufParts?.[i]?.sizeBytes })),
    option.label,
    onProgress,
    signal,
  );
  const wllama = new Wllama({ default: wasmUrl }, { suppressNativeLog: true });
  try {
    checkSplit(parts[0]!, parts.length, urls[0]!);
    patchControlTokensToUserDefined(parts[0]!, TEXT_TOKENS[option.formatId]);
    if (signal?.aborted) throw abortError();
    onProgress({ fraction: null, text: `Starting llama.cpp for ${option.label}…` });
    const webgpu = await hasWebGPUAdapter();
    // Threads need cross-origin isolation; half the cores leaves room for Python (2 threads on 2 cores decoded 18x slower).
    const threads = globalThis.crossOriginIsolated
      ? Math.min(8, Math.max(1, Math.floor((navigator.hardwareConcurrency || 2) / 2)))
      : 1;
    const params: LoadModelParams = {
      n_ctx: option.contextLength ?? 2048,
      n_threads: threads,
      n_gpu_layers: webgpu ? 999 : 0,
      // One conversation at a time: a single slot keeps the whole KV cache for the current problem.
      n_parallel: 1,
    };
    await wllama.loadModel(
      parts.map((p) => new Blob([p as Uint8Array<ArrayBuffer>])),
      params,
    );
    if (signal?.aborted) throw abortError();
    const n = wllama.getNumThreads();
    const runtime = `llama.cpp (wllama) on ${webgpu ? 'WebGPU' : 'CPU'}, ${n} thread${n === 1 ? '' : 's'}`;
    return createWllamaLanguageModel(wllama, {
      id: option.id,
      label: option.label,
      runtime,
      bosText: BOS_TEXT[option.formatId],
    });
  } catch (error) {
    await wllama.exit().catch(() => undefined);
    if (signal?.aborted || isAbortError(error)) throw abortError();
    throw EngineError.from(toEngineError(error), error);
  }
}

import { Wllama } from '@wllama/wllama/esm/index.js';
import { abortError } from '../../abort';
import { EngineError, isAbortError, toEngineError } from '../../errors';
import { MATHCODER_ADDED_TOKENS } from '../../formats/mathcoder';
import type { FormatId } from '../../formats/prompt-format';
import type { ModelOption } from '../../models/catalog';
import type { LanguageModel } from '../../types';
import type { LoadModelOptions } from '../model-backend';
import { downloadRemoteFile } from '../../hub/download-remote-file';
import { downloadHubModel } from '../../hub/hub-download';
import { downloadParts } from './download-parts';
import { DEFAULT_SPLIT_BYTES } from './split-for-llama-cpp';
import { prepareFirstPartOffThread, splitOffThread } from './llama-cpp-files';
import { ggufPartSources } from './gguf-storage';
import { PartStore } from '../../storage/part-store';
import { llamaThreads } from './thread-count';
import { startLlamaCpp } from './start-llama-cpp';
import { unusedCache, serveOwnCompatBuild, wasmUrl } from './wllama-assets';
import { createWllamaLanguageModel } from './wllama-language-model';
import { describeSolveTime, measureDecodeSpeed } from './solve-time';
import { DecodeSpeeds } from '../../models/decode-speeds';

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

/** The model's GGUF parts from storage or the network: a one-file model is split here into llama.cpp's split layout. */
async function modelParts(
  option: ModelOption,
  { baseUrl, onProgress, signal, remoteGguf }: LoadModelOptions,
) {
  const store = await PartStore.open();
  const remote = {
    label: option.label,
    onProgress,
    signal,
    store,
    pieceBytes: remoteGguf?.pieceBytes,
  };
  if (option.source === 'hub' && option.hubModel) {
    const { resolved, files } = await downloadHubModel(option.hubUrl, option.hubModel, remote);
    const firstUrl = resolved.files[0]!.url;
    // A split set on the hub is already in llama.cpp's split layout.
    if (files.length > 1) return { firstUrl, parts: files };
    onProgress({ fraction: null, text: `Preparing ${option.label} for llama.cpp…` });
    const { parts } = await splitOffThread(
      files[0]!,
      firstUrl,
      remoteGguf?.splitBytes ?? DEFAULT_SPLIT_BYTES,
    );
    return { firstUrl, parts };
  }
  if (option.source === 'hub') {
    const file = await downloadRemoteFile(option.ggufUrl, { ...remote, known: option.ggufFile });
    onProgress({ fraction: null, text: `Preparing ${option.label} for llama.cpp…` });
    const { parts } = await splitOffThread(
      file,
      option.ggufUrl,
      remoteGguf?.splitBytes ?? DEFAULT_SPLIT_BYTES,
    );
    return { firstUrl: option.ggufUrl, parts };
  }
  const sources = ggufPartSources(option, baseUrl);
  const parts = await downloadParts(sources, { label: option.label, onProgress, signal, store });
  return { firstUrl: sources[0]!.url, parts };
}

/** Reads a GGUF model from browser storage or downloads it there, lets its special tokens show in the text, and starts llama.cpp on WebGPU or the CPU. */
export async function loadWllamaModel(
  option: ModelOption,
  options: LoadModelOptions,
): Promise<LanguageModel> {
  const { onProgress, signal } = options;
  const { firstUrl, parts } = await modelParts(option, options);
  const wllama = new Wllama(
    { default: wasmUrl },
    { suppressNativeLog: true, cacheManager: unusedCache },
  );
  serveOwnCompatBuild(wllama);
  let webgpu: boolean | undefined;
  try {
    const first = await prepareFirstPartOffThread(
      parts[0]!,
      parts.length,
      firstUrl,
      TEXT_TOKENS[option.formatId],
    );
    parts[0] = first.blob;
    if (signal?.aborted) throw abortError();
    onProgress({ fraction: null, text: `Starting llama.cpp for ${option.label}…` });
    webgpu = await hasWebGPUAdapter();
    const threads = llamaThreads(navigator.hardwareConcurrency, globalThis.crossOriginIsolated);
    const context = await startLlamaCpp(wllama, parts, {
      webgpu,
      threads,
      contextLength: option.contextLength ?? 2048,
      shape: first.shape,
    });
    if (signal?.aborted) throw abortError();
    const n = wllama.getNumThreads();
    // On a CPU a solution can take many minutes: the student hears how long before pressing Solve. A speed kept from
    // an earlier load or solve here spares the probe (about 20 s of every load for a 7B on a CPU).
    const speeds = new DecodeSpeeds();
    const runtimeKey = webgpu ? 'webgpu' : 'cpu';
    const known = webgpu ? null : speeds.get(option.id, runtimeKey);
    const speed =
      webgpu || known ? known : await measureDecodeSpeed(wllama, signal).catch(() => null);
    if (signal?.aborted) throw abortError();
    if (speed && !known) speeds.record(option.id, runtimeKey, speed);
    const runtime =
      `llama.cpp (wllama) on ${webgpu ? 'WebGPU' : 'CPU'}, ${n} thread${n === 1 ? '' : 's'}` +
      (context.choice ? `; ${context.choice}` : '') +
      (speed ? `; ${describeSolveTime(speed)}` : '');
    return createWllamaLanguageModel(wllama, {
      id: option.id,
      label: option.label,
      runtime,
      bosText: BOS_TEXT[option.formatId],
      contextLength: context.contextLength,
      memory: webgpu ? 'gpu' : 'wasm',
      spacePrefixAfter: first.spacePrefix ? TEXT_TOKENS[option.formatId] : [],
      onDecodeSpeed: (rate) => speeds.record(option.id, runtimeKey, rate),
    });
  } catch (error) {
    await wllama.exit().catch(() => undefined);
    if (signal?.aborted || isAbortError(error)) throw abortError();
    const memory = webgpu === undefined ? undefined : webgpu ? 'gpu' : 'wasm';
    throw EngineError.from(toEngineError(error, { memory }), error);
  }
}

import { CreateWebWorkerMLCEngine, type ChatOptions } from '@mlc-ai/web-llm';
import { abortError, raceAbort } from '../../abort';
import { EngineError, isAbortError, toEngineError } from '../../errors';
import type { ErrorContext } from '../../errors';
import { chooseVariant, isFolderBacked, modelDir } from '../../models/catalog';
import type { ModelOption } from '../../models/catalog';
import type { LanguageModel } from '../../types';
import type { LoadModelOptions } from '../model-backend';
import { MATHCODER_ADDED_TOKENS } from '../../formats/mathcoder';
import type { FormatId } from '../../formats/prompt-format';
import { findMissingModelFile } from './find-missing-file';
import { loadModelTokenizer, type ModelTokenizer } from './load-tokenizer';
import { appConfigFor, modelRecordFor } from './model-record';
import { webllmProgress } from './progress-text';
import { createWebLLMLanguageModel, type TokenizerLike } from './webllm-language-model';
import {
  deleteWebllmModel,
  WEBLLM_SCOPES,
  webllmModelUrl,
  webllmStorageState,
} from '../../storage/webllm-storage';

/** A blob: URL for a library stored in WebLLM's wasm cache (a model added from a folder), or null. */
async function storedLibraryUrl(url: string): Promise<string | null> {
  const cached = await globalThis.caches
    ?.open(WEBLLM_SCOPES.wasm)
    .then((c) => c.match(url))
    .catch(() => undefined);
  return cached ? URL.createObjectURL(await cached.blob()) : null;
}

/** The token loop samples with the chat config: greedy, as the reference decodes, with no penalties. */
const GREEDY: ChatOptions = {
  temperature: 0,
  top_p: 1,
  repetition_penalty: 1,
  frequency_penalty: 0,
  presence_penalty: 0,
};

/** Special tokens each format reads in the model's text. */
const LITERAL_TOKENS: Record<FormatId, readonly string[]> = {
  mathcoder: [...MATHCODER_ADDED_TOKENS, '</s>'],
  'qwen-tir': ['<|im_start|>', '<|im_end|>', '<|endoftext|>'],
};

const DEFAULT_CONTEXT_WINDOW = 4096;

/** A tokenizer without the format's special tokens (tokenizer.model has none) reads them as text: no block, no stop. */
function checkFormatTokens(tokenizer: TokenizerLike, option: ModelOption) {
  if (option.formatId !== 'mathcoder') return;
  const split = MATHCODER_ADDED_TOKENS.filter((t) => tokenizer.encode(t).length !== 1);
  if (split.length === 0) return;
  throw new EngineError(
    'model-files-missing',
    `${option.label}'s tokenizer reads ${split.join(' ')} as several tokens: it lacks MathCoder's added tokens, so its blocks ` +
      "would pass as plain text. The model's folder needs the conversion's tokenizer.json, listed in tokenizer_files of mlc-chat-config.json.",
  );
}

/** The worker as the loader uses it: WebLLM's messaging plus the hard stop. */
export type EngineWorker = Pick<
  Worker,
  'onmessage' | 'postMessage' | 'terminate' | 'addEventListener' | 'removeEventListener'
>;

export function loadWebLLMModel(
  option: ModelOption,
  options: LoadModelOptions,
): Promise<LanguageModel> {
  const worker = new Worker(new URL('./webllm.worker.ts', import.meta.url), { type: 'module' });
  return loadInWorker(worker, option, options);
}

/** Loads `option` into a started worker; the worker is terminated on failure, on abort, and by dispose(). */
export async function loadInWorker(
  worker: EngineWorker,
  option: ModelOption,
  options: LoadModelOptions,
  loadTokenizer: (dir: string) => Promise<ModelTokenizer> = loadModelTokenizer,
): Promise<LanguageModel> {
  const { baseUrl, onProgress, signal } = options;
  const stop = () => worker.terminate();
  let onWorkerError: (event: Event) => void = () => undefined;
  // A worker that fails to start never answers WebLLM's reload message.
  const crash = new Promise<never>((_, reject) => {
    onWorkerError = (event) =>
      reject(
        new Error(`The model worker failed: ${(event as ErrorEvent).message || 'unknown error'}`),
      );
  });
  worker.addEventListener('error', onWorkerError);
  signal?.addEventListener('abort', stop, { once: true });
  try {
    if (signal?.aborted) throw abortError();
    const record = modelRecordFor(option, baseUrl);
    // WebLLM fetches a library on localhost instead of caching it; a folder's library exists only in the cache.
    const localLib = option.source === 'folder' ? await storedLibraryUrl(record.model_lib) : null;
    if (localLib) record.model_lib = localLib;
    // Verify before loading: a stored shard of the wrong size (a write cut short) is deleted, so WebLLM fetches it again.
    await webllmStorageState(option, baseUrl).catch(() => undefined);
    const loading = CreateWebWorkerMLCEngine(
      worker,
      option.id,
      {
        appConfig: appConfigFor(record),
        initProgressCallback: (report) => onProgress(webllmProgress(report, option.label)),
      },
      GREEDY,
    );
    const raced = Promise.race([loading, crash]);
    const engine = await (signal ? raceAbort(raced, signal) : raced).finally(() => {
      if (localLib) URL.revokeObjectURL(localLib);
    });
    const { tokenizer, contextWindow } = await loadTokenizer(webllmModelUrl(option, baseUrl));
    checkFormatTokens(tokenizer, option);
    return createWebLLMLanguageModel(
      engine,
      tokenizer,
      {
        id: option.id,
        label: option.label,
        runtime: 'WebLLM on WebGPU',
        contextWindow: contextWindow ?? option.contextLength ?? DEFAULT_CONTEXT_WINDOW,
        literalTokens: LITERAL_TOKENS[option.formatId],
      },
      stop,
    );
  } catch (error) {
    stop();
    if (signal?.aborted || isAbortError(error)) throw abortError();
    const data = toEngineError(error, await failureContext(option, baseUrl, error));
    // A model that does not fit is removed whole, as the GGUF store does; other failures keep complete shards.
    if (data.code === 'storage-full')
      await deleteWebllmModel(option, baseUrl).catch(() => undefined);
    throw EngineError.from(data, error);
  } finally {
    worker.removeEventListener('error', onWorkerError);
    signal?.removeEventListener('abort', stop);
  }
}

async function failureContext(
  option: ModelOption,
  baseUrl: string,
  error: unknown,
): Promise<ErrorContext> {
  const f32 = chooseVariant(option, { shaderF16: false });
  const context: ErrorContext = {
    f32ModelLabel: f32.id !== option.id ? f32.label : undefined,
    // WebLLM holds weights and KV cache on the GPU.
    memory: 'gpu',
  };
  if (!isFolderBacked(option) || error instanceof EngineError) return context;
  const dir = modelDir(option, baseUrl);
  const modelLib = modelRecordFor(option, baseUrl).model_lib;
  const missing = await findMissingModelFile({ dir, modelLib });
  return { ...context, modelUrl: dir, missingUrl: missing?.url, missingWords: missing?.words };
}

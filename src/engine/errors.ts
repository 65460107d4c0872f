import type { EngineErrorCode, EngineErrorData } from './types';

export class EngineError extends Error {
  readonly code: EngineErrorCode;

  constructor(code: EngineErrorCode, message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'EngineError';
    this.code = code;
  }

  static from(data: EngineErrorData, cause?: unknown): EngineError {
    return new EngineError(data.code, data.message, { cause });
  }

  toData(): EngineErrorData {
    return { code: this.code, message: this.message };
  }
}

/** What the caller knows about the failure, so the message can name it. */
export interface ErrorContext {
  /** The model file that answered with an error, when a probe found it. */
  missingUrl?: string;
  /** What the server answered for it, in words that follow the URL ("is not on the server (HTTP 404)"). */
  missingWords?: string;
  /** The model's folder, named when the exact missing file is unknown. */
  modelUrl?: string;
  /** The f32 variant to offer when shader-f16 is missing. */
  f32ModelLabel?: string;
  /** The code to use when nothing more specific matches. */
  fallback?: EngineErrorCode;
  /** Whether the browser says it is online; defaults to navigator.onLine. */
  online?: boolean;
  /** Sandbox failures are not model failures: their text is reported as is, under `fallback`. */
  source?: 'model' | 'sandbox';
  /** Where the model lives, so an out-of-memory message names the memory that ran out. */
  memory?: ModelMemory;
}

/** GPU memory (WebGPU), or the WebAssembly heap that llama.cpp's CPU path holds weights and KV cache in. */
export type ModelMemory = 'gpu' | 'wasm';

/** wllama's WebAssembly build can grow its heap to at most 4 GiB. */
export const WASM_MEMORY_LIMIT_BYTES = 4 * 1024 ** 3;

/** Says which memory ran out and what to try; `raw` naming WebAssembly memory wins over the caller's guess. */
export function outOfMemoryMessage(memory: ModelMemory | undefined, raw = ''): string {
  const where = /WebAssembly\.Memory|Cannot enlarge memory|Aborted\(OOM\)/i.test(raw)
    ? 'wasm'
    : memory;
  if (where === 'wasm') {
    return (
      'Not enough WebAssembly memory for this model on the CPU: llama.cpp runs there in at most 4 GiB, which must hold the weights and the context (KV cache). ' +
      'Try a smaller context or a smaller quantization of the model, or a browser with WebGPU so the model runs on the GPU.'
    );
  }
  if (where === 'gpu') {
    return 'Not enough GPU memory for this model. Close other tabs and apps that use the GPU, or choose a smaller context or a smaller model.';
  }
  return 'Not enough memory for this model. Close other tabs, or choose a smaller context or a smaller model.';
}

export const WEBGPU_BROWSERS =
  'WebGPU is available in Chrome and Edge 113+ on Windows, macOS and ChromeOS (121+ on Android), ' +
  'Safari 26+ and Firefox 141+ on Windows; on Linux, Chrome needs chrome://flags/#enable-unsafe-webgpu.';

const ENGINE_ERROR_CODES: ReadonlySet<string> = new Set<EngineErrorCode>([
  'no-webgpu',
  'no-shader-f16',
  'model-files-missing',
  'download-failed',
  'offline',
  'device-lost',
  'out-of-memory',
  'storage-full',
  'model-not-loaded',
  'widget-covered',
  'download-declined',
  'context-full',
  'bad-trace',
  'sandbox-failed',
  'app-outdated',
  'unknown',
]);

interface Rule {
  code: EngineErrorCode;
  test: RegExp;
  message: (raw: string, context: ErrorContext) => string;
}

// Order matters: WebLLM's DeviceLostError text mentions OOM, and "Request failed" is a missing file, not a network error.
const RULES: Rule[] = [
  {
    // A part of the app loaded on demand is gone: replaced by an update in another tab, or never stored offline.
    code: 'app-outdated',
    test: /dynamically imported module|Importing a module script failed|Failed to load module script/i,
    message: () =>
      'Part of the app could not be loaded: a newer version was opened in another tab, or this part was not stored for offline use yet. Reload the page to continue.',
  },
  {
    code: 'no-shader-f16',
    test: /ShaderF16SupportError|shader-f16|FeatureSupportError/i,
    message: (_raw, c) =>
      `This GPU or browser lacks the WebGPU shader-f16 feature that the q4f16_1 build needs. ` +
      `Choose ${c.f32ModelLabel ?? 'the q4f32_1 (f32) variant of this model'} instead: it runs on any WebGPU device, with a somewhat larger download.`,
  },
  {
    code: 'no-webgpu',
    test: /WebGPUNotAvailableError|WebGPUNotFoundError|WebGPU is not supported|Cannot find WebGPU|navigator\.gpu|Unable to find a compatible GPU|requestAdapter/i,
    message: () =>
      `This browser cannot run the model because it has no usable WebGPU. ${WEBGPU_BROWSERS}`,
  },
  {
    code: 'device-lost',
    test: /DeviceLostError|device (was |is )?lost|GPUDeviceLostInfo/i,
    message: () =>
      'The GPU stopped responding (WebGPU device lost), often because it ran out of memory or the driver reset it. ' +
      'Load the model again; if it happens again, close other GPU-heavy tabs or choose a smaller model.',
  },
  {
    code: 'storage-full',
    test: /QuotaExceededError|exceeds the storage quota|StorageFullError/i,
    message: () =>
      'The browser has no room left to store the model files. Free disk space or delete other downloaded models, then try again.',
  },
  {
    code: 'out-of-memory',
    test: /out of memory|\bOOM\b|Array buffer allocation failed|Failed to allocate|allocation failed|Cannot enlarge memory|could not allocate memory|Cannot allocate WebAssembly\.Memory/i,
    message: (raw, c) => outOfMemoryMessage(c.memory, raw),
  },
  {
    // WebLLM's own check, and llama.cpp's refusal of a prompt longer than its context.
    code: 'context-full',
    test: /ContextWindowSizeExceededError|exceed context window|exceeds the available context size/i,
    message: () =>
      'The problem and the latest step no longer fit in the model’s context window, even with the earlier steps left out. ' +
      'Try a shorter problem, split it into parts, or load the model with a larger context.',
  },
  {
    code: 'model-not-loaded',
    test: /ModelNotLoadedError|WorkerEngineModelNotLoadedError|EngineNotLoadedError|not loaded with a model|Model not loaded/i,
    message: () =>
      'The model is no longer loaded (the GPU may have been reset). Load the model again to continue.',
  },
  {
    code: 'model-files-missing',
    // A host that answers missing files with its index.html makes WebLLM fail to parse JSON instead.
    test: /Failed to execute 'add' on 'Cache'|Request failed|\b404\b|Not Found|ModelNotFoundError|MissingModelError|Unexpected token '<'|is not valid JSON/i,
    message: (_raw, c) =>
      c.missingUrl
        ? `A model file is missing: ${c.missingUrl} ${c.missingWords ?? 'could not be downloaded'}. Put the converted model files there (see public/models/README.md) or choose another model.`
        : `The model files could not be found${c.modelUrl ? ` under ${c.modelUrl}` : ''}. Put the converted model files there (see public/models/README.md) or choose another model.`,
  },
  {
    code: 'download-failed',
    test: /Failed to fetch|NetworkError|Load failed|network error|ERR_[A-Z_]+|IntegrityError|Cannot fetch|fetch failed|ECONNREFUSED|ETIMEDOUT/i,
    message: (raw) =>
      /IntegrityError/.test(raw)
        ? 'A downloaded model file was corrupted (integrity check failed). Try again; if it keeps failing, clear this site’s storage.'
        : 'The model download failed. Check the connection and try again; parts already downloaded are kept.',
  },
];

const OFFLINE_MESSAGE =
  'You are offline and this model is not fully stored in the browser yet. Connect once to download it; after that it loads offline.';

function rawText(error: unknown): string {
  if (typeof error === 'string') return error;
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  if (error && typeof error === 'object') {
    const { name, message } = error as { name?: unknown; message?: unknown };
    if (typeof message === 'string')
      return typeof name === 'string' ? `${name}: ${message}` : message;
  }
  try {
    return JSON.stringify(error) ?? String(error);
  } catch {
    return String(error);
  }
}

function carriedData(error: unknown): EngineErrorData | null {
  if (error instanceof EngineError) return error.toData();
  if (error && typeof error === 'object') {
    const { code, message } = error as { code?: unknown; message?: unknown };
    if (typeof code === 'string' && ENGINE_ERROR_CODES.has(code) && typeof message === 'string') {
      return { code: code as EngineErrorCode, message };
    }
  }
  return null;
}

function browserOnline(): boolean {
  return typeof navigator === 'undefined' || navigator.onLine !== false;
}

/** Classifies anything thrown by a backend (WebLLM worker engines reject with strings) into a code and an actionable message. */
export function toEngineError(error: unknown, context: ErrorContext = {}): EngineErrorData {
  const carried = carriedData(error);
  if (carried) return carried;

  const raw = rawText(error);
  const detail = raw.replace(/^Error: /, '').trim() || 'no details';
  if (context.source === 'sandbox') {
    return {
      code: context.fallback ?? 'sandbox-failed',
      message: `The Python sandbox stopped working (${detail}). Reload the page to start a fresh one.`,
    };
  }
  const rule = RULES.find((r) => r.test.test(raw));
  const online = context.online ?? browserOnline();
  if (
    !online &&
    (!rule || rule.code === 'download-failed' || rule.code === 'model-files-missing')
  ) {
    return { code: 'offline', message: OFFLINE_MESSAGE };
  }
  if (rule) return { code: rule.code, message: rule.message(raw, context) };

  return { code: context.fallback ?? 'unknown', message: `Something went wrong: ${detail}` };
}

export function isAbortError(error: unknown): boolean {
  return (error instanceof DOMException || error instanceof Error) && error.name === 'AbortError';
}

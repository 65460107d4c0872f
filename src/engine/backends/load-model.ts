import type { ModelOption } from '../models/catalog';
import type { LanguageModel, LoadProgress } from '../types';

export interface LoadModelOptions {
  /** The page's base URL, absolute: `new URL(import.meta.env.BASE_URL, location.href).href`. */
  baseUrl: string;
  onProgress: (progress: LoadProgress) => void;
  signal?: AbortSignal;
  /** Sizes for a one-file GGUF model; smaller only in tests, so a tiny model is really downloaded in pieces and split. */
  remoteGguf?: { pieceBytes?: number; splitBytes?: number };
}

/** Loads a catalog model with its backend; rejects with an EngineError, or an AbortError when `signal` aborts. */
export async function loadModel(
  option: ModelOption,
  options: LoadModelOptions,
): Promise<LanguageModel> {
  switch (option.backend) {
    case 'webllm': {
      // Imported on demand: WebLLM is megabytes of JavaScript the page does not need before a model is chosen.
      const { loadWebLLMModel } = await import('./webllm/load-webllm-model');
      return loadWebLLMModel(option, options);
    }
    case 'wllama': {
      // Imported on demand, like WebLLM: llama.cpp's JavaScript is needed only once a GGUF model is chosen.
      const { loadWllamaModel } = await import('./wllama/load-wllama-model');
      return loadWllamaModel(option, options);
    }
    default: {
      const unknown: never = option.backend;
      throw new Error(`Unknown model backend: ${String(unknown)}`);
    }
  }
}

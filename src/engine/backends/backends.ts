import type { ModelOption } from '../models/catalog';
import type { ModelBackend } from './model-backend';

// Every entry imports its backend on demand: WebLLM and llama.cpp are megabytes of JavaScript the page does not
// need before a model is chosen (a click on delete may load WebLLM's own code; the start never does).
const backends: Record<ModelOption['backend'], ModelBackend> = {
  webllm: {
    load: async (option, options) =>
      (await import('./webllm/load-webllm-model')).loadWebLLMModel(option, options),
    storedState: async (option, baseUrl) =>
      (await import('../storage/webllm-storage')).webllmStorageState(option, baseUrl),
    deleteStored: async (option, baseUrl) =>
      (await import('./webllm/webllm-delete')).deleteWebllmFiles(option, baseUrl),
  },
  wllama: {
    load: async (option, options) =>
      (await import('./wllama/load-wllama-model')).loadWllamaModel(option, options),
    storedState: async (option, baseUrl) =>
      (await import('./wllama/gguf-storage')).ggufStorageState(option, baseUrl),
    deleteStored: async (option, baseUrl) =>
      (await import('./wllama/gguf-storage')).deleteGgufModel(option, baseUrl),
  },
};

/** The backend that serves `option`; a models list naming another backend is refused here. */
export function backendFor(option: ModelOption): ModelBackend {
  const backend = Object.hasOwn(backends, option.backend) ? backends[option.backend] : undefined;
  if (!backend) throw new Error(`Unknown model backend: ${String(option.backend)}`);
  return backend;
}

import type { ModelOption } from '../models/catalog';

/** What of a model is kept in the browser between visits. */
export interface StoredModelState {
  /** `partial`: some files stored (an interrupted download, resumed on the next load); `unavailable`: no browser storage. */
  status: 'downloaded' | 'partial' | 'absent' | 'unavailable';
  storedBytes: number;
}

/** Whether `option`'s files are in browser storage, so it loads without the network. */
export async function storedModelState(
  option: ModelOption,
  baseUrl: string,
): Promise<StoredModelState> {
  switch (option.backend) {
    case 'wllama': {
      const { ggufStorageState } = await import('./wllama/gguf-storage');
      return ggufStorageState(option, baseUrl);
    }
    case 'webllm': {
      const { webllmStorageState } = await import('./webllm/webllm-storage');
      return webllmStorageState(option, baseUrl);
    }
    default: {
      const unknown: never = option.backend;
      throw new Error(`Unknown model backend: ${String(unknown)}`);
    }
  }
}

/** Deletes `option`'s stored files; the next load downloads them again. */
export async function deleteStoredModel(option: ModelOption, baseUrl: string): Promise<void> {
  switch (option.backend) {
    case 'wllama': {
      const { deleteGgufModel } = await import('./wllama/gguf-storage');
      return deleteGgufModel(option, baseUrl);
    }
    case 'webllm': {
      // A click, not the start: loading WebLLM's JavaScript for its own delete is fine here.
      const { deleteWebllmFiles } = await import('./webllm/webllm-delete');
      return deleteWebllmFiles(option, baseUrl);
    }
    default: {
      const unknown: never = option.backend;
      throw new Error(`Unknown model backend: ${String(unknown)}`);
    }
  }
}

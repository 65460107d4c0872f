import type { ModelOption } from '../models/catalog';
import type { StoredModelState } from '../storage/stored-model-state';
import type { LanguageModel, LoadProgress } from '../types';

export interface LoadModelOptions {
  /** The page's base URL, absolute: `new URL(import.meta.env.BASE_URL, location.href).href`. */
  baseUrl: string;
  onProgress: (progress: LoadProgress) => void;
  signal?: AbortSignal;
  /** Sizes for a one-file GGUF model; smaller only in tests, so a tiny model is really downloaded in pieces and split. */
  remoteGguf?: { pieceBytes?: number; splitBytes?: number };
}

/** What one backend does for a catalog model: load it, and say what of it is stored or delete that. */
export interface ModelBackend {
  load(option: ModelOption, options: LoadModelOptions): Promise<LanguageModel>;
  storedState(option: ModelOption, baseUrl: string): Promise<StoredModelState>;
  deleteStored(option: ModelOption, baseUrl: string): Promise<void>;
}

import { create } from 'zustand';
import type { EngineErrorData } from '../../engine/types';

/** A model as the panel offers it. */
export interface ModelChoice {
  id: string;
  label: string;
  /** Download size in bytes, when known. */
  sizeBytes: number | null;
  /** The f32-compute variant to offer where the GPU lacks shader-f16. */
  f32VariantId: string | null;
  /** The engine that runs it, in words. */
  engine: 'WebLLM' | 'llama.cpp';
  /** WebLLM models need WebGPU; llama.cpp falls back to the CPU. */
  needsWebGPU: boolean;
  /** Where its files come from, in a few words ("this site", "WebLLM's list", …). */
  origin: string;
  /** Its reported accuracy with the source, for built-in models. */
  reported?: string;
}

/** What of a model the browser keeps between visits; `checking` until the store has been asked. */
export type StoredState =
  | { status: 'checking' }
  | { status: 'downloaded' | 'partial' | 'absent' | 'unavailable'; storedBytes: number };

/** Adding a model from a local folder. */
export type FolderAddState =
  | { status: 'idle' }
  | { status: 'checking'; name: string }
  | { status: 'storing'; name: string; fraction: number | null; text: string }
  | { status: 'failed'; name: string; errors: string[] }
  | { status: 'added'; name: string; label: string; warnings: string[] };

/** Adding a model from the hub by name (`owner/repo:QUANT`). */
export type HubAddState =
  | { status: 'idle' }
  | { status: 'checking'; name: string }
  | { status: 'failed'; name: string; error: string }
  | { status: 'added'; name: string; label: string };

/** The site's storage as navigator.storage reports it. */
export interface StorageInfo {
  usageBytes: number | null;
  quotaBytes: number | null;
  /** Whether the browser promised not to evict stored models when space runs low. */
  persisted: boolean | null;
}

export type LoadState =
  | { status: 'idle' }
  | { status: 'checking' }
  | { status: 'loading'; fraction: number | null; text: string }
  | { status: 'ready'; runtime?: string }
  | { status: 'failed'; error: EngineErrorData };

export type GpuState =
  | { status: 'checking' }
  | { status: 'available'; shaderF16: boolean; adapter: string }
  | { status: 'unavailable'; error: EngineErrorData };

interface ModelState {
  models: ModelChoice[];
  selectedId: string | null;
  load: LoadState;
  gpu: GpuState;
  /** Set while a saved solution stands in for the model. */
  playback: { label: string } | null;
  /** Why the last saved solution could not be opened. */
  playbackError: EngineErrorData | null;
  /** Per model id. */
  stored: Record<string, StoredState>;
  storage: StorageInfo | null;
  /** Why the last delete failed. */
  storageError: EngineErrorData | null;
  /** Entries of public/models/models.json that were skipped, and why. */
  listProblems: string[];
  folderAdd: FolderAddState;
  hubAdd: HubAddState;
  /** Per model id: what stands in its way on this device ("cannot run here: …"), once known. */
  notes: Record<string, string>;
  setModels(models: ModelChoice[], selectedId: string | null): void;
  select(id: string): void;
  setLoad(load: LoadState): void;
  setGpu(gpu: GpuState): void;
  setPlayback(playback: { label: string } | null): void;
  setPlaybackError(error: EngineErrorData | null): void;
  setStored(id: string, state: StoredState): void;
  setStorage(storage: StorageInfo | null): void;
  setStorageError(error: EngineErrorData | null): void;
  setListProblems(problems: string[]): void;
  setFolderAdd(state: FolderAddState): void;
  setHubAdd(state: HubAddState): void;
  setNotes(notes: Record<string, string>): void;
}

export const useModelStore = create<ModelState>()((set) => ({
  models: [],
  selectedId: null,
  load: { status: 'idle' },
  gpu: { status: 'checking' },
  playback: null,
  playbackError: null,
  stored: {},
  storage: null,
  storageError: null,
  listProblems: [],
  folderAdd: { status: 'idle' },
  hubAdd: { status: 'idle' },
  notes: {},
  setModels: (models, selectedId) => set({ models, selectedId }),
  select: (selectedId) => set({ selectedId, load: { status: 'idle' } }),
  setLoad: (load) => set({ load }),
  setGpu: (gpu) => set({ gpu }),
  setPlayback: (playback) => set({ playback, playbackError: null }),
  setPlaybackError: (playbackError) => set({ playbackError }),
  setStored: (id, state) => set((s) => ({ stored: { ...s.stored, [id]: state } })),
  setStorage: (storage) => set({ storage }),
  setStorageError: (storageError) => set({ storageError }),
  setListProblems: (listProblems) => set({ listProblems }),
  setFolderAdd: (folderAdd) => set({ folderAdd }),
  setHubAdd: (hubAdd) => set({ hubAdd }),
  setNotes: (notes) => set({ notes }),
}));

export function selectedModel(state: { models: ModelChoice[]; selectedId: string | null }) {
  return state.models.find((m) => m.id === state.selectedId) ?? null;
}

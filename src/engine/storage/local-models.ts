// Models added from a local folder (a USB stick in a classroom): the files are copied once into the same browser
// stores the downloads use, under URLs of their own, so they load offline exactly like a downloaded model.
import { EngineError } from '../errors';
import { modelDir, type FolderModel, type ModelOption } from '../models/catalog';
import { entryToOption, readModelListEntry, type ModelListEntry } from '../models/model-list';
import type { LoadProgress } from '../types';
import { WEBLLM_SCOPES } from './webllm-storage';
import { isQuotaError, PartStore, type CacheStorageLike, type CacheLike } from './part-store';

export const LOCAL_MODELS_CACHE = 'local-models-v1';

/** A picked folder's files, by path relative to the folder. */
export type FolderFiles = ReadonlyMap<string, Blob>;

interface LocalIndex {
  version: 1;
  models: Array<{ entry: ModelListEntry; label: string; addedAt: string }>;
}

const indexUrl = (baseUrl: string) => new URL('local-models/index.json', baseUrl).href;
export const localModelDir = (baseUrl: string, id: string) =>
  new URL(`local-models/${encodeURIComponent(id)}/`, baseUrl).href;

async function readIndex(cache: CacheLike, baseUrl: string): Promise<LocalIndex> {
  const response = await cache.match(indexUrl(baseUrl));
  if (!response) return { version: 1, models: [] };
  try {
    const index = (await response.json()) as LocalIndex;
    return Array.isArray(index.models) ? index : { version: 1, models: [] };
  } catch {
    return { version: 1, models: [] };
  }
}

function toOption(baseUrl: string, item: LocalIndex['models'][number]): FolderModel {
  const option = entryToOption(item.entry);
  if (option.source !== 'site') throw new Error(`${item.entry.id} does not list its own files.`);
  return {
    ...option,
    source: 'folder',
    label: item.label,
    modelDir: localModelDir(baseUrl, item.entry.id),
  };
}

/** The models added from folders, as the model list offers them. */
export async function listLocalModels(
  baseUrl: string,
  storage: CacheStorageLike | undefined = globalThis.caches,
): Promise<FolderModel[]> {
  if (!storage) return [];
  const index = await readIndex(await storage.open(LOCAL_MODELS_CACHE), baseUrl);
  return index.models.flatMap((item) => {
    try {
      return [toOption(baseUrl, { ...item, entry: readModelListEntry(item.entry) })];
    } catch {
      return [];
    }
  });
}

/** Which store WebLLM reads each MLC file from. */
function webllmScope(path: string): string {
  if (path === 'mlc-chat-config.json') return WEBLLM_SCOPES.config;
  if (path.endsWith('.wasm')) return WEBLLM_SCOPES.wasm;
  return WEBLLM_SCOPES.model;
}

async function removeFiles(storage: CacheStorageLike, option: FolderModel, entry: ModelListEntry) {
  const dir = modelDir(option, '');
  if (entry.format === 'gguf') {
    const parts = await PartStore.open(storage);
    await Promise.all(entry.files.map((f) => parts?.remove(new URL(f.path, dir).href)));
    return;
  }
  await Promise.all(
    entry.files.map(async (f) =>
      (await storage.open(webllmScope(f.path))).delete(new URL(f.path, dir).href),
    ),
  );
}

/**
 * Stores a checked folder (its models.json-style entry) as a model of this browser; returns the option to offer.
 * A quota error removes what was stored of it and says so.
 */
export async function addLocalModel(
  baseUrl: string,
  entry: ModelListEntry,
  label: string,
  files: FolderFiles,
  onProgress: (progress: LoadProgress) => void,
  storage: CacheStorageLike | undefined = globalThis.caches,
): Promise<FolderModel> {
  if (!storage) {
    throw new EngineError(
      'storage-full',
      'This browser offers no storage to this page (the Cache API), so a model cannot be added from a folder here.',
    );
  }
  const item = { entry, label, addedAt: new Date().toISOString() };
  const option = toOption(baseUrl, item);
  const dir = modelDir(option, baseUrl);
  const total = entry.files.reduce((n, f) => n + (f.bytes ?? 0), 0);
  let done = 0;
  const report = (path: string) =>
    onProgress({
      fraction: total > 0 ? done / total : null,
      text: `Storing ${label} in this browser: ${(done / 1e6).toFixed(1)} of ${(total / 1e6).toFixed(1)} MB (${path})`,
    });
  try {
    const parts = entry.format === 'gguf' ? await PartStore.open(storage) : null;
    for (const file of entry.files) {
      const blob = files.get(file.path);
      if (!blob)
        throw new EngineError('model-files-missing', `${file.path} is no longer in the folder.`);
      report(file.path);
      const url = new URL(file.path, dir).href;
      if (parts) await parts.write(url, blob.stream(), file.bytes);
      else {
        await (
          await storage.open(webllmScope(file.path))
        ).put(url, new Response(blob, { headers: { 'Content-Type': 'application/octet-stream' } }));
      }
      done += blob.size;
    }
    const cache = await storage.open(LOCAL_MODELS_CACHE);
    const index = await readIndex(cache, baseUrl);
    index.models = [...index.models.filter((m) => m.entry.id !== entry.id), item];
    await cache.put(indexUrl(baseUrl), new Response(JSON.stringify(index)));
    onProgress({ fraction: 1, text: `${label} is stored in this browser.` });
    return option;
  } catch (error) {
    await removeFiles(storage, option, entry).catch(() => undefined);
    if (error instanceof EngineError) throw error;
    if (isQuotaError(error) || (error instanceof Error && error.name === 'StorageFullError')) {
      throw new EngineError(
        'storage-full',
        `The browser has no room to store ${label} (${(total / 1e6).toFixed(0)} MB). Free disk space or delete downloaded models, then try again.`,
        { cause: error },
      );
    }
    throw new EngineError('unknown', `${label} could not be stored: ${String(error)}`, {
      cause: error,
    });
  }
}

/** Removes a model added from a folder: its files and its place in the list. */
export async function removeLocalModel(
  baseUrl: string,
  option: ModelOption,
  storage: CacheStorageLike | undefined = globalThis.caches,
): Promise<void> {
  if (!storage || option.source !== 'folder') return;
  const cache = await storage.open(LOCAL_MODELS_CACHE);
  const index = await readIndex(cache, baseUrl);
  const item = index.models.find((m) => m.entry.id === option.id);
  if (item) await removeFiles(storage, toOption(baseUrl, item), item.entry);
  index.models = index.models.filter((m) => m.entry.id !== option.id);
  await cache.put(indexUrl(baseUrl), new Response(JSON.stringify(index)));
}

// WebLLM's own Cache API scopes (0.2.86, cacheBackend "cache"), read directly so that asking "is it downloaded?"
// at start does not load WebLLM's megabytes of JavaScript.
import { isFolderBacked, modelDir, type ModelOption } from '../models/catalog';
import type { StoredModelState } from './stored-model-state';

export const WEBLLM_SCOPES = {
  model: 'webllm/model',
  config: 'webllm/config',
  wasm: 'webllm/wasm',
} as const;

interface CacheStorageLike {
  open(name: string): Promise<Pick<Cache, 'match' | 'delete'>>;
}

interface TensorCacheManifest {
  records: Array<{ dataPath: string; nbytes?: number }>;
}

/** The folder URL WebLLM keys a model's files under (its cleanModelUrl of the record's `model`). */
export function webllmModelUrl(option: ModelOption, baseUrl: string): string {
  if (isFolderBacked(option)) return modelDir(option, baseUrl);
  // WebLLM's prebuilt records point at Hugging Face's mlc-ai organisation; cleanModelUrl adds resolve/main/.
  return `https://huggingface.co/mlc-ai/${option.id}/resolve/main/`;
}

function isManifest(value: unknown): value is TensorCacheManifest {
  const records = (value as { records?: unknown } | null)?.records;
  return (
    Array.isArray(records) &&
    records.every((r) => typeof (r as { dataPath?: unknown }).dataPath === 'string')
  );
}

/**
 * Downloaded when the chat config, the tensor manifest and every shard it lists are stored with the sizes the
 * manifest gives. A shard of another size (a write cut short) is deleted, so the next load fetches it again.
 */
export async function webllmStorageState(
  option: ModelOption,
  baseUrl: string,
  storage: CacheStorageLike | undefined = globalThis.caches,
): Promise<StoredModelState> {
  if (!storage) return { status: 'unavailable', storedBytes: 0 };
  const dir = webllmModelUrl(option, baseUrl);
  const [models, configs] = await Promise.all([
    storage.open(WEBLLM_SCOPES.model),
    storage.open(WEBLLM_SCOPES.config),
  ]);
  const [config, manifestResponse] = await Promise.all([
    configs.match(new URL('mlc-chat-config.json', dir).href),
    models.match(new URL('tensor-cache.json', dir).href),
  ]);
  if (!manifestResponse) return { status: config ? 'partial' : 'absent', storedBytes: 0 };
  let manifest: unknown;
  try {
    manifest = await manifestResponse.json();
  } catch {
    manifest = null;
  }
  if (!isManifest(manifest)) {
    await models.delete(new URL('tensor-cache.json', dir).href);
    return { status: 'partial', storedBytes: 0 };
  }
  let storedBytes = 0;
  let complete = config !== undefined;
  for (const record of manifest.records) {
    const url = new URL(record.dataPath, dir).href;
    const shard = await models.match(url);
    const size = shard ? (await shard.blob()).size : -1;
    if (size >= 0 && (record.nbytes === undefined || size === record.nbytes)) {
      storedBytes += size;
      continue;
    }
    complete = false;
    if (shard) await models.delete(url);
  }
  return { status: complete ? 'downloaded' : 'partial', storedBytes };
}

/** Deletes the model's shards, manifest, tokenizer, chat config and library from WebLLM's caches. */
export async function deleteWebllmModel(
  option: ModelOption,
  baseUrl: string,
  storage: CacheStorageLike | undefined = globalThis.caches,
  modelLibUrl?: string,
): Promise<void> {
  if (!storage) return;
  const dir = webllmModelUrl(option, baseUrl);
  const [models, configs, wasm] = await Promise.all([
    storage.open(WEBLLM_SCOPES.model),
    storage.open(WEBLLM_SCOPES.config),
    storage.open(WEBLLM_SCOPES.wasm),
  ]);
  const manifestUrl = new URL('tensor-cache.json', dir).href;
  const manifestResponse = await models.match(manifestUrl);
  const manifest: unknown = manifestResponse
    ? await manifestResponse.json().catch(() => null)
    : null;
  const shardUrls = isManifest(manifest)
    ? manifest.records.map((r) => new URL(r.dataPath, dir).href)
    : [];
  const lib =
    modelLibUrl ??
    (isFolderBacked(option)
      ? new URL(option.modelLibFile ?? `${option.id}-webgpu.wasm`, dir).href
      : undefined);
  await Promise.all([
    ...shardUrls.map((url) => models.delete(url)),
    ...['tokenizer.json', 'tokenizer.model'].map((f) => models.delete(new URL(f, dir).href)),
    configs.delete(new URL('mlc-chat-config.json', dir).href),
    ...(lib ? [wasm.delete(lib)] : []),
  ]);
  // The manifest goes last: without it nothing left could be found again.
  await models.delete(manifestUrl);
}

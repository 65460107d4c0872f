import { deleteModelAllInfoInCache } from '@mlc-ai/web-llm';
import type { ModelOption } from '../../models/catalog';
import { appConfigFor, modelRecordFor } from './model-record';
import { deleteWebllmModel } from '../../storage/webllm-storage';

/** WebLLM's own delete, then whatever it leaves (it stops when tensor-cache.json was never stored). */
export async function deleteWebllmFiles(option: ModelOption, baseUrl: string): Promise<void> {
  const record = modelRecordFor(option, baseUrl);
  await deleteModelAllInfoInCache(option.id, appConfigFor(record)).catch(() => undefined);
  await deleteWebllmModel(option, baseUrl, globalThis.caches, record.model_lib);
}

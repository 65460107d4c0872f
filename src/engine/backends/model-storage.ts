import type { ModelOption } from '../models/catalog';
import { backendFor } from './backends';
import type { StoredModelState } from '../storage/stored-model-state';

/** Whether `option`'s files are in browser storage, so it loads without the network. */
export async function storedModelState(
  option: ModelOption,
  baseUrl: string,
): Promise<StoredModelState> {
  return backendFor(option).storedState(option, baseUrl);
}

/** Deletes `option`'s stored files; the next load downloads them again. */
export async function deleteStoredModel(option: ModelOption, baseUrl: string): Promise<void> {
  return backendFor(option).deleteStored(option, baseUrl);
}

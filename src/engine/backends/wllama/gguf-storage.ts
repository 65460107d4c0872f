import { modelDir, type ModelOption } from '../../models/catalog';
import { remoteFileState, removeRemoteFile } from '../../hub/download-remote-file';
import { hubModelState, removeHubModel } from '../../hub/hub-download';
import type { PartSource } from './download-parts';
import type { StoredModelState } from '../../storage/stored-model-state';
import { PartStore } from '../../storage/part-store';

/** A GGUF model's parts, absolute, with the sizes the model list gives: none for a hub model (one download's pieces). */
export function ggufPartSources(option: ModelOption, baseUrl: string): PartSource[] {
  if (option.source === 'hub' || option.source === 'webllm') return [];
  const dir = option.source === 'test' ? baseUrl : modelDir(option, baseUrl);
  return (option.ggufParts ?? []).map((p) => ({
    url: new URL(p.file, dir).href,
    sizeBytes: p.sizeBytes,
  }));
}

/** Whether every part of the model is completely stored in the browser. */
export async function ggufStorageState(
  option: ModelOption,
  baseUrl: string,
  store: PartStore | null = null,
): Promise<StoredModelState> {
  const opened = store ?? (await PartStore.open());
  if (!opened) return { status: 'unavailable', storedBytes: 0 };
  if (option.source === 'hub') {
    return option.hubModel
      ? hubModelState(option.hubUrl, option.hubModel, opened)
      : remoteFileState(option.ggufUrl, opened);
  }
  const parts = ggufPartSources(option, baseUrl);
  const states = await Promise.all(parts.map((p) => opened.state(p.url, p.sizeBytes)));
  const storedBytes = states.reduce((n, s) => n + (s.status === 'stored' ? s.bytes : 0), 0);
  const stored = states.filter((s) => s.status === 'stored').length;
  const any = states.some((s) => s.status !== 'absent');
  return {
    status: parts.length > 0 && stored === parts.length ? 'downloaded' : any ? 'partial' : 'absent',
    storedBytes,
  };
}

/** Deletes every stored part of the model, complete or not. */
export async function deleteGgufModel(
  option: ModelOption,
  baseUrl: string,
  store: PartStore | null = null,
): Promise<void> {
  const opened = store ?? (await PartStore.open());
  if (!opened) return;
  if (option.source === 'hub') {
    return option.hubModel
      ? removeHubModel(option.hubUrl, option.hubModel, opened)
      : removeRemoteFile(option.ggufUrl, opened);
  }
  await Promise.all(ggufPartSources(option, baseUrl).map((p) => opened.remove(p.url)));
}

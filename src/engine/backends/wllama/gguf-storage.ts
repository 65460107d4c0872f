import { selfHostedModelDir, type ModelOption } from '../../models/catalog';
import { remoteFileState, removeRemoteFile } from '../../hub/download-remote-file';
import { hubModelState, removeHubModel } from '../../hub/hub-download';
import type { StoredModelState } from '../../storage/stored-model-state';
import { PartStore } from '../../storage/part-store';

/** The absolute URLs of a GGUF model's parts. */
export function ggufPartUrls(option: ModelOption, baseUrl: string): string[] {
  const dir = option.selfHosted ? selfHostedModelDir(option, baseUrl) : baseUrl;
  return (option.ggufParts ?? []).map((p) => new URL(p.file, dir).href);
}

/** Whether every part of the model is completely stored in the browser. */
export async function ggufStorageState(
  option: ModelOption,
  baseUrl: string,
  store: PartStore | null = null,
): Promise<StoredModelState> {
  const opened = store ?? (await PartStore.open());
  if (!opened) return { status: 'unavailable', storedBytes: 0 };
  if (option.hubModel && option.hubUrl)
    return hubModelState(option.hubUrl, option.hubModel, opened);
  if (option.ggufUrl) return remoteFileState(option.ggufUrl, opened);
  const urls = ggufPartUrls(option, baseUrl);
  const states = await Promise.all(
    urls.map((url, i) => opened.state(url, option.ggufParts?.[i]?.sizeBytes)),
  );
  const storedBytes = states.reduce((n, s) => n + (s.status === 'stored' ? s.bytes : 0), 0);
  const stored = states.filter((s) => s.status === 'stored').length;
  const any = states.some((s) => s.status !== 'absent');
  return {
    status: urls.length > 0 && stored === urls.length ? 'downloaded' : any ? 'partial' : 'absent',
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
  if (option.hubModel && option.hubUrl)
    return removeHubModel(option.hubUrl, option.hubModel, opened);
  if (option.ggufUrl) return removeRemoteFile(option.ggufUrl, opened);
  await Promise.all(ggufPartUrls(option, baseUrl).map((url) => opened.remove(url)));
}

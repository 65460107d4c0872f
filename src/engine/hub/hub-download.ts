// A hub model named `owner/repo:QUANT`, resolved through the hub's API and downloaded from the commit it resolved to.
// The resolution is kept beside the pieces, so a stored model loads offline, and a repository changed since (a new
// commit at `main`) drops the old pieces instead of mixing them with the new file's.
import type { PartStore } from '../storage/part-store';
import {
  downloadRemoteFile,
  remoteFileState,
  removeRemoteFile,
  type RemoteDownloadOptions,
} from './download-remote-file';
import { resolveHubModel, type ResolvedHubModel } from './hub-api';
import type { HubModelRef } from '../models/hub-model';

/** Where the model's resolution is noted: one key per hub, repository and tag. */
function noteKey(hubUrl: string, ref: HubModelRef): string {
  const base = hubUrl.endsWith('/') ? hubUrl : `${hubUrl}/`;
  const key = new URL(`api/models/${ref.repo}`, base);
  key.searchParams.set('tutor-model', ref.tag.toUpperCase());
  return key.href;
}

export function storedResolution(
  hubUrl: string,
  ref: HubModelRef,
  store: PartStore,
): Promise<ResolvedHubModel | null> {
  return store.readNote<ResolvedHubModel>(noteKey(hubUrl, ref));
}

async function removeFiles(resolved: ResolvedHubModel, store: PartStore) {
  await Promise.all(resolved.files.map((f) => removeRemoteFile(f.url, store)));
}

export interface HubModelDownload {
  resolved: ResolvedHubModel;
  /** The model's files in order (one, or a split set), each a Blob of stored pieces. */
  files: Blob[];
}

/** The model's files from storage when all are stored, else resolved through the API and downloaded. */
export async function downloadHubModel(
  hubUrl: string,
  ref: HubModelRef,
  options: RemoteDownloadOptions,
): Promise<HubModelDownload> {
  const { store } = options;
  const stored = store ? await storedResolution(hubUrl, ref, store) : null;
  const whole =
    stored &&
    (await Promise.all(stored.files.map((f) => remoteFileState(f.url, store!)))).every(
      (s) => s.status === 'downloaded',
    );
  const resolved = whole
    ? stored
    : await resolveHubModel(hubUrl, ref, { fetchImpl: options.fetchImpl, signal: options.signal });
  if (store && !whole) {
    // Pieces of an older commit would never be asked for again: they only take room.
    if (stored && stored.commit !== resolved.commit) await removeFiles(stored, store);
    await store.writeNote(noteKey(hubUrl, ref), resolved);
  }
  const files: Blob[] = [];
  for (const [i, file] of resolved.files.entries()) {
    const n = resolved.files.length;
    files.push(
      await downloadRemoteFile(file.url, {
        ...options,
        label: n > 1 ? `${options.label} (file ${i + 1} of ${n})` : options.label,
        known: { size: file.size, sha256: file.sha256 },
      }),
    );
  }
  return { resolved, files };
}

/** What is stored of the model, over all its files. */
export async function hubModelState(
  hubUrl: string,
  ref: HubModelRef,
  store: PartStore,
): Promise<{ status: 'downloaded' | 'partial' | 'absent'; storedBytes: number }> {
  const stored = await storedResolution(hubUrl, ref, store);
  if (!stored) return { status: 'absent', storedBytes: 0 };
  const states = await Promise.all(stored.files.map((f) => remoteFileState(f.url, store)));
  const storedBytes = states.reduce((n, s) => n + s.storedBytes, 0);
  if (states.every((s) => s.status === 'downloaded')) return { status: 'downloaded', storedBytes };
  return { status: storedBytes > 0 ? 'partial' : 'absent', storedBytes };
}

/** Deletes every stored piece of the model and its resolution. */
export async function removeHubModel(
  hubUrl: string,
  ref: HubModelRef,
  store: PartStore,
): Promise<void> {
  const stored = await storedResolution(hubUrl, ref, store);
  if (stored) await removeFiles(stored, store);
  await store.removeNote(noteKey(hubUrl, ref));
}

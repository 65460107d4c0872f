// Models the user added from the hub by name (`owner/repo:QUANT`, `hf.co/…`, a hub address): resolved, their header
// read by Range to pick the prompt format, and kept in this browser's list until deleted.
import { toEngineError } from '../../engine/errors';
import type { FormatId } from '../../engine/formats/prompt-format';
import { resolveHubModel } from '../../engine/hub/hub-api';
import { hubModelName, parseHubModelName, type HubModelRef } from '../../engine/models/hub-model';
import { promptFormatOf, readRemoteGgufHeader } from '../../engine/hub/remote-gguf-header';
import { isAddedFromHub, type HubRepoModel, type ModelOption } from '../../engine/models/catalog';
import type { HubAddState } from '../../ui/state/model-store';

const KEY = 'tutor-hub-models';

/** What is kept of a model added from the hub: enough to offer it again on the next visit. */
interface KeptHubModel {
  id: string;
  ref: HubModelRef;
  hubUrl: string;
  formatId: FormatId;
  sizeBytes: number;
}

/** This page's localStorage, or none where the browser refuses it (a sandboxed frame, some private modes). */
function pageStorage(): Storage | undefined {
  try {
    return globalThis.localStorage;
  } catch {
    return undefined;
  }
}

function kept(storage: Storage | undefined): KeptHubModel[] {
  try {
    const list = JSON.parse(storage?.getItem(KEY) ?? '[]') as unknown;
    return Array.isArray(list) ? (list as KeptHubModel[]) : [];
  } catch {
    return [];
  }
}

function keep(storage: Storage | undefined, list: KeptHubModel[]) {
  try {
    storage?.setItem(KEY, JSON.stringify(list));
  } catch {
    // Full or refused: the model is offered for this visit only.
  }
}

const FORMAT_WORDS: Record<FormatId, string> = {
  mathcoder: 'MathCoder',
  'qwen-tir': 'Qwen2.5-Math',
};

function toOption(m: KeptHubModel): HubRepoModel {
  return {
    id: m.id,
    label: `${hubModelName(m.ref)} (${FORMAT_WORDS[m.formatId]} format, llama.cpp)`,
    backend: 'wllama',
    formatId: m.formatId,
    quantization: m.ref.tag.toUpperCase(),
    family: m.id,
    approxDownloadMB: m.sizeBytes / 1e6,
    approxVramMB: 0,
    requiredFeatures: [],
    source: 'hub',
    hubModel: m.ref,
    hubUrl: m.hubUrl,
    contextLength: 2048,
    addedByUser: true,
    isDefault: false,
  };
}

/** The offered models with those added from the hub in earlier visits. */
export function withHubModels(
  options: ModelOption[],
  storage: Storage | undefined = pageStorage(),
): ModelOption[] {
  const added = kept(storage).map(toOption);
  if (added.length === 0) return options;
  return [...options.filter((m) => !added.some((a) => a.id === m.id)), ...added];
}

/**
 * Resolves what the user typed on `hubUrl`, reads the first file's header to pick the prompt format, and keeps the
 * model. Reports each step; returns the model added (or already there), or null with the reason reported.
 */
export async function addHubModel(
  hubUrl: string,
  text: string,
  options: readonly ModelOption[],
  report: (state: HubAddState) => void,
  { fetchImpl, storage = pageStorage() }: { fetchImpl?: typeof fetch; storage?: Storage } = {},
): Promise<ModelOption | null> {
  const name = text.trim();
  report({ status: 'checking', name });
  try {
    const ref = parseHubModelName(name);
    const resolved = await resolveHubModel(hubUrl, ref, { fetchImpl });
    const first = resolved.files[0]!;
    const header = await readRemoteGgufHeader(first.url, first.size, { fetchImpl });
    const formatId = promptFormatOf(header);
    const id = `hub-${ref.repo}-${ref.tag}`.replace(/[^A-Za-z0-9._-]/g, '-').toLowerCase();
    const model: KeptHubModel = {
      id,
      ref,
      hubUrl,
      formatId,
      sizeBytes: resolved.files.reduce((n, f) => n + f.size, 0),
    };
    const others = kept(storage).filter((m) => m.id !== id);
    keep(storage, [...others, model]);
    const option = toOption(model);
    report({ status: 'added', name, label: option.label });
    return options.find((m) => m.id === id && !isAddedFromHub(m)) ?? option;
  } catch (error) {
    report({ status: 'failed', name, error: toEngineError(error).message });
    return null;
  }
}

/** Forgets a model added from the hub (its files are deleted as any download's are). */
export function forgetHubModel(id: string, storage: Storage | undefined = pageStorage()) {
  keep(
    storage,
    kept(storage).filter((m) => m.id !== id),
  );
}

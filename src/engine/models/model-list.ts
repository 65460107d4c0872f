// public/models/models.json: the self-hosted models a deployment offers, checked entry by entry so that one bad
// entry is reported and skipped instead of breaking the page.
import type { FormatId } from '../formats/prompt-format';
import { DEFAULT_HUB_URL } from './hub-file';
import { parseHubModelName, type HubModelRef } from './hub-model';
import type { HubFileModel, HubRepoModel, ModelOption, Quantization, SiteModel } from './catalog';
import { partsFromFirst } from '../gguf/gguf-split';

export const MODEL_LIST_VERSION = 1;

/** One file of a model folder, as models.json lists it. */
export interface ModelListFile {
  /** Relative to the model's folder (public/models/<id>/). */
  path: string;
  bytes?: number;
}

/** One entry of models.json (see public/models/README.md). */
export interface ModelListEntry {
  id: string;
  label?: string;
  format: 'mlc' | 'gguf';
  promptFormat?: FormatId;
  quantization: Quantization;
  family?: string;
  files: ModelListFile[];
  /** GGUF only, instead of `files`: one file of any size on a hub or mirror, downloaded in pieces and split here. */
  url?: string;
  /** With `url`: the file's size and sha256, for a mirror that serves files but not the hub's API. */
  bytes?: number;
  sha256?: string;
  /** GGUF only, instead of `files` or `url`: `owner/repo:QUANT` on the hub (models.json `hub`, or the build's). */
  hf?: HubModelRef;
  /** MLC only: the WebGPU library among `files`. */
  modelLib?: string;
  requiredFeatures?: string[];
  vramMB?: number;
  contextLength?: number;
}

export interface ModelList {
  version: typeof MODEL_LIST_VERSION;
  models: ModelListEntry[];
}

export interface ParsedModelList {
  models: ModelOption[];
  /** `hub`: where the built-in hub models come from instead (a school's mirror, a classroom server). */
  hubUrl?: string;
  /** One line per entry that was skipped, saying why. */
  problems: string[];
}

const ID = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
const PROMPT_FORMATS: readonly FormatId[] = ['mathcoder', 'qwen-tir'];
const MLC_REQUIRED = ['mlc-chat-config.json', 'tensor-cache.json'];

class EntryError extends Error {}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function positiveInteger(value: unknown, what: string): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value) || value <= 0) {
    throw new EntryError(`${what} must be a positive whole number`);
  }
  return value;
}

function text(value: unknown, what: string, optional = false): string | undefined {
  if (value === undefined && optional) return undefined;
  if (typeof value !== 'string' || value.trim() === '')
    throw new EntryError(`${what} must be a non-empty string`);
  return value;
}

/** A path inside the model folder: relative, no `..`, no scheme. */
function safePath(value: unknown, what: string): string {
  const path = text(value, what)!;
  if (path.startsWith('/') || path.includes('\\') || /^[a-z][a-z0-9+.-]*:/i.test(path)) {
    throw new EntryError(`${what} must be a path inside the model's folder`);
  }
  if (path.split('/').some((part) => part === '..' || part === '.' || part === '')) {
    throw new EntryError(`${what} must not contain "..", "." or empty parts`);
  }
  return path;
}

/** An http(s) address (a hub, a mirror or one model file). */
function webUrl(value: unknown, what: string): string {
  const raw = text(value, what)!;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new EntryError(`${what} must be an absolute http(s) address`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new EntryError(`${what} must be an absolute http(s) address`);
  }
  return url.href;
}

function hubModel(value: unknown): HubModelRef {
  const name = text(value, 'hf')!;
  try {
    return parseHubModelName(name);
  } catch (error) {
    throw new EntryError(
      `hf ${(error instanceof Error ? error.message : String(error)).replace(/\.$/, '')}`,
    );
  }
}

function readFiles(value: unknown): ModelListFile[] {
  if (!Array.isArray(value) || value.length === 0)
    throw new EntryError('files must list at least one file');
  return value.map((file, i) => {
    if (!isRecord(file)) throw new EntryError(`files[${i}] must be an object with a path`);
    return {
      path: safePath(file.path, `files[${i}].path`),
      bytes: positiveInteger(file.bytes, `files[${i}].bytes`),
    };
  });
}

/** Checks one entry; throws an EntryError naming the first problem. */
export function readModelListEntry(raw: unknown): ModelListEntry {
  if (!isRecord(raw)) throw new EntryError('an entry must be an object');
  const id = text(raw.id, 'id')!;
  if (!ID.test(id))
    throw new EntryError(
      'id may hold only letters, digits, ".", "_" and "-" (it names the folder)',
    );
  const format = raw.format;
  if (format !== 'mlc' && format !== 'gguf') throw new EntryError('format must be "mlc" or "gguf"');
  const promptFormat = raw.promptFormat ?? 'mathcoder';
  if (!PROMPT_FORMATS.includes(promptFormat as FormatId)) {
    throw new EntryError(`promptFormat must be one of ${PROMPT_FORMATS.join(', ')}`);
  }
  const url = raw.url === undefined ? undefined : webUrl(raw.url, 'url');
  const hf = raw.hf === undefined ? undefined : hubModel(raw.hf);
  if ((url || hf) && format !== 'gguf') throw new EntryError('url and hf are for GGUF models only');
  if ([url, hf, raw.files].filter((v) => v !== undefined).length > 1)
    throw new EntryError('an entry has one of url, hf or files');
  if (url && !new URL(url).pathname.endsWith('.gguf'))
    throw new EntryError('url must name a .gguf file');
  const bytes = positiveInteger(raw.bytes, 'bytes');
  const sha256 = raw.sha256 === undefined ? undefined : text(raw.sha256, 'sha256')!.toLowerCase();
  if (sha256 !== undefined && !/^[0-9a-f]{64}$/.test(sha256))
    throw new EntryError('sha256 must be 64 hexadecimal digits');
  if ((bytes !== undefined || sha256 !== undefined) && !url)
    throw new EntryError('bytes and sha256 go with url');
  if ((bytes === undefined) !== (sha256 === undefined))
    throw new EntryError('bytes and sha256 go together');
  const files = url || hf ? [] : readFiles(raw.files);
  const names = new Set(files.map((f) => f.path));
  if (names.size !== files.length) throw new EntryError('files lists a path twice');
  let modelLib: string | undefined;
  if (format === 'gguf') {
    const notGguf = files.find((f) => !f.path.endsWith('.gguf'));
    if (notGguf) throw new EntryError(`${notGguf.path} is not a .gguf file`);
  } else {
    const missing = MLC_REQUIRED.filter((n) => !names.has(n));
    if (missing.length)
      throw new EntryError(`an MLC model needs ${missing.join(' and ')} in files`);
    if (![...names].some((n) => n.startsWith('tokenizer.'))) {
      throw new EntryError('an MLC model needs its tokenizer (tokenizer.json) in files');
    }
    modelLib =
      text(raw.modelLib, 'modelLib', true) ?? files.find((f) => f.path.endsWith('.wasm'))?.path;
    if (!modelLib || !names.has(modelLib)) {
      throw new EntryError(
        'an MLC model needs its WebGPU library (.wasm) in files, named by modelLib',
      );
    }
  }
  const features = raw.requiredFeatures ?? [];
  if (!Array.isArray(features) || features.some((f) => typeof f !== 'string')) {
    throw new EntryError('requiredFeatures must be a list of WebGPU feature names');
  }
  return {
    id,
    label: text(raw.label, 'label', true),
    format,
    promptFormat: promptFormat as FormatId,
    quantization: text(raw.quantization, 'quantization')!,
    family: text(raw.family, 'family', true),
    files,
    url,
    bytes,
    sha256,
    hf,
    modelLib,
    requiredFeatures: features as string[],
    vramMB: positiveInteger(raw.vramMB, 'vramMB'),
    contextLength: positiveInteger(raw.contextLength, 'contextLength'),
  };
}

function describeEntry(raw: unknown, index: number): string {
  const id = isRecord(raw) && typeof raw.id === 'string' ? ` (${raw.id})` : '';
  return `models.json entry ${index + 1}${id}`;
}

/** The catalog option an entry describes: its files in public/models/<id>/, or a GGUF on a hub or at a URL. */
export function entryToOption(entry: ModelListEntry): SiteModel | HubRepoModel | HubFileModel {
  const gguf = entry.format === 'gguf';
  // A split GGUF may be listed by its first part alone: the others follow from its name, and loading checks its header.
  const ggufParts =
    gguf && entry.files.length === 1
      ? partsFromFirst(entry.files[0]!.path, entry.files[0]!.bytes)
      : entry.files.map((f) => ({ file: f.path, sizeBytes: f.bytes }));
  const bytes = gguf ? ggufParts.map((p) => p.sizeBytes) : entry.files.map((f) => f.bytes);
  const total = entry.bytes
    ? entry.bytes
    : bytes.every((b) => b !== undefined)
      ? bytes.reduce<number>((a, b) => a + b!, 0)
      : 0;
  const common = {
    id: entry.id,
    label: entry.label ?? entry.id,
    formatId: entry.promptFormat ?? 'mathcoder',
    quantization: entry.quantization,
    family: entry.family ?? entry.id,
    approxDownloadMB: total / 1e6,
    approxVramMB: entry.vramMB ?? 0,
    requiredFeatures: [...(entry.requiredFeatures ?? [])],
    contextLength: entry.contextLength ?? (gguf ? 2048 : undefined),
    isDefault: false,
  };
  if (entry.hf) {
    // The deployment's hub, when models.json or the build names one, takes its place (adoptModelList).
    return {
      ...common,
      source: 'hub',
      backend: 'wllama',
      hubModel: entry.hf,
      hubUrl: DEFAULT_HUB_URL,
    };
  }
  if (entry.url) {
    const ggufFile =
      entry.bytes && entry.sha256 ? { size: entry.bytes, sha256: entry.sha256 } : undefined;
    return { ...common, source: 'hub', backend: 'wllama', ggufUrl: entry.url, ggufFile };
  }
  return gguf
    ? { ...common, source: 'site', backend: 'wllama', ggufParts }
    : { ...common, source: 'site', backend: 'webllm', modelLibFile: entry.modelLib };
}

/** Reads models.json's content; entries with problems are skipped and described, never thrown. */
export function parseModelList(json: unknown): ParsedModelList {
  if (!isRecord(json) || !Array.isArray(json.models)) {
    return { models: [], problems: ['models.json must be an object with a "models" list.'] };
  }
  const problems: string[] = [];
  if (json.version !== MODEL_LIST_VERSION) {
    problems.push(
      `models.json has version ${String(json.version)}; this app reads version ${MODEL_LIST_VERSION}.`,
    );
  }
  let hubUrl: string | undefined;
  if (json.hub !== undefined) {
    try {
      hubUrl = webUrl(json.hub, 'hub');
    } catch (error) {
      if (!(error instanceof EntryError)) throw error;
      problems.push(`models.json's hub was ignored: ${error.message}.`);
    }
  }
  const seen = new Set<string>();
  const models: ModelOption[] = [];
  json.models.forEach((raw, i) => {
    try {
      const entry = readModelListEntry(raw);
      if (seen.has(entry.id)) throw new EntryError('the same id appears earlier in the list');
      seen.add(entry.id);
      models.push(entryToOption(entry));
    } catch (error) {
      if (!(error instanceof EntryError)) throw error;
      problems.push(`${describeEntry(raw, i)} was skipped: ${error.message}.`);
    }
  });
  return { models, problems, hubUrl };
}

/**
 * The catalog with models.json merged in: an entry with a built-in id replaces its files, sizes and features
 * (keeping the built-in label and family unless the entry names them); other entries are added after it.
 */
export function mergeModelList(
  builtIn: readonly ModelOption[],
  listed: readonly ModelOption[],
): ModelOption[] {
  const byId = new Map(listed.map((m) => [m.id, m]));
  const merged = builtIn.map((m) => {
    const entry = byId.get(m.id);
    if (!entry) return m;
    byId.delete(m.id);
    return {
      ...entry,
      label: entry.label !== entry.id ? entry.label : m.label,
      family: entry.family !== entry.id ? entry.family : m.family,
      approxDownloadMB: entry.approxDownloadMB || m.approxDownloadMB,
      approxVramMB: entry.approxVramMB || m.approxVramMB,
      isDefault: m.isDefault,
    };
  });
  return [...merged, ...byId.values()];
}

/** Fetches models.json next to the page; a missing or unreadable file gives one problem and no models. */
export async function fetchModelList(
  baseUrl: string,
  fetchImpl: typeof fetch = fetch,
): Promise<ParsedModelList> {
  const url = new URL('models/models.json', baseUrl).href;
  try {
    const response = await fetchImpl(url);
    if (response.status === 404) return { models: [], problems: [] };
    if (!response.ok) return { models: [], problems: [`${url} answered HTTP ${response.status}.`] };
    return parseModelList(await response.json());
  } catch (error) {
    return { models: [], problems: [`${url} could not be read: ${String(error)}.`] };
  }
}

// Checks a model folder (MLC for WebLLM, or GGUF parts for llama.cpp) and describes it as a models.json entry.
// Used by scripts/build/models-json.ts on disk and by "Add a model from a folder" in the browser.
import { MATHCODER_ADDED_TOKENS } from '../formats/mathcoder';
import type { FormatId } from '../formats/prompt-format';
import { checkGgufHead, type GgufHeadCheck } from './gguf-head-check';
import type { ModelListEntry, ModelListFile } from './model-list';

/** A folder as the checks read it: file names relative to it, with sizes, and ranged reads. */
export interface ModelFolder {
  name: string;
  files: ReadonlyArray<{ path: string; bytes: number }>;
  readText(path: string): Promise<string>;
  readBytes(path: string, start: number, end: number): Promise<Uint8Array>;
}

export interface FolderReport {
  /** The entry to list, when the folder holds a usable model. */
  entry: ModelListEntry | null;
  /** What makes the folder unusable, one line each. */
  errors: string[];
  /** What may work but should be checked (a large part, an unusual rope_theta). */
  warnings: string[];
  /** The subfolder every file sat in, left out of the entry's paths ("" when none). */
  root: string;
}

export interface FolderOptions {
  id?: string;
  label?: string;
  promptFormat?: FormatId;
  /** The Hugging Face config.json of the source model, to compare rope_theta and vocab_size with. */
  sourceConfig?: Record<string, unknown>;
  /** Reads the first GGUF part's header; the browser passes one that runs in a worker. */
  checkGgufHead?: (head: Uint8Array) => Promise<GgufHeadCheck> | GgufHeadCheck;
}

/** The largest file a browser can hold in one ArrayBuffer. */
export const MAX_PART_BYTES = 2 ** 31 - 1;
const SUGGESTED_PART_BYTES = 512 * 2 ** 20;
const GGUF_HEADER_READ = 16 << 20;

/** MathCoder-CL-7B's config.json (mathcoder.md): CodeLlama's 1e6 would be wrong for it. */
const MATHCODER_ROPE_THETA = 10000;
/** Embedding rows: Llama-2's 32000 (MathCoder-L) or CodeLlama's 32016 (MathCoder-CL), plus MathCoder's 8 tokens. */
const MATHCODER_VOCABS: Readonly<Record<number, string>> = {
  32008: 'MathCoder-L',
  32024: 'MathCoder-CL',
};

function baseName(path: string): string {
  return path.split('/').pop() ?? path;
}

function idFrom(name: string): string {
  return name.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^[^A-Za-z0-9]+/, '') || 'model';
}

/** Files directly in the folder or in one subfolder (a picked folder often arrives as name/file). */
function stripCommonRoot(files: ModelFolder['files']): {
  strip: string;
  files: ModelFolder['files'];
} {
  const first = files[0]?.path.split('/') ?? [];
  if (first.length > 1 && files.every((f) => f.path.startsWith(`${first[0]}/`))) {
    const strip = `${first[0]}/`;
    return { strip, files: files.map((f) => ({ ...f, path: f.path.slice(strip.length) })) };
  }
  return { strip: '', files };
}

export async function inspectModelFolder(
  folder: ModelFolder,
  options: FolderOptions = {},
): Promise<FolderReport> {
  const { strip, files } = stripCommonRoot(
    folder.files.filter((f) => !baseName(f.path).startsWith('.')),
  );
  const inner: ModelFolder = {
    ...folder,
    files,
    readText: (p) => folder.readText(strip + p),
    readBytes: (p, s, e) => folder.readBytes(strip + p, s, e),
  };
  const names = new Set(files.map((f) => f.path));
  const withRoot = (report: Omit<FolderReport, 'root'>): FolderReport => ({
    ...report,
    root: strip,
  });
  if (names.has('mlc-chat-config.json')) return withRoot(await inspectMlc(inner, options));
  if (files.some((f) => f.path.endsWith('.gguf')))
    return withRoot(await inspectGguf(inner, options));
  return {
    root: strip,
    entry: null,
    errors: [
      `${folder.name} holds neither an MLC model (mlc-chat-config.json, tensor-cache.json, params_shard_*.bin, tokenizer.json, a .wasm library) nor GGUF files.`,
    ],
    warnings: [],
  };
}

async function readJson(
  folder: ModelFolder,
  path: string,
  errors: string[],
): Promise<Record<string, unknown> | null> {
  try {
    const value: unknown = JSON.parse(await folder.readText(path));
    if (typeof value === 'object' && value !== null && !Array.isArray(value))
      return value as Record<string, unknown>;
    errors.push(`${path} is not a JSON object.`);
  } catch (error) {
    errors.push(`${path} could not be read as JSON: ${String(error)}.`);
  }
  return null;
}

function numberAt(
  obj: Record<string, unknown> | null | undefined,
  key: string,
): number | undefined {
  const v = obj?.[key];
  return typeof v === 'number' ? v : undefined;
}

async function inspectMlc(
  folder: ModelFolder,
  options: FolderOptions,
): Promise<Omit<FolderReport, 'root'>> {
  const errors: string[] = [];
  const warnings: string[] = [];
  const sizes = new Map(folder.files.map((f) => [f.path, f.bytes]));
  const config = await readJson(folder, 'mlc-chat-config.json', errors);
  if (!sizes.has('tensor-cache.json')) {
    errors.push(
      sizes.has('ndarray-cache.json')
        ? 'tensor-cache.json is missing: this folder has ndarray-cache.json from an older mlc_llm, which WebLLM 0.2.86 no longer reads. Convert it again with a current mlc_llm.'
        : 'tensor-cache.json (the list of weight shards) is missing.',
    );
  }
  const manifest = sizes.has('tensor-cache.json')
    ? await readJson(folder, 'tensor-cache.json', errors)
    : null;
  const records = Array.isArray(manifest?.records)
    ? (manifest.records as Array<Record<string, unknown>>)
    : [];
  if (manifest && records.length === 0) errors.push('tensor-cache.json lists no weight shards.');
  const shardFiles: ModelListFile[] = [];
  for (const record of records) {
    const path = typeof record.dataPath === 'string' ? record.dataPath : '';
    const size = sizes.get(path);
    if (size === undefined) {
      errors.push(
        `The weight shard ${path || '(unnamed)'} listed in tensor-cache.json is missing.`,
      );
    } else if (typeof record.nbytes === 'number' && record.nbytes !== size) {
      errors.push(
        `${path} is ${size} bytes, but tensor-cache.json says ${record.nbytes}: it is incomplete.`,
      );
    } else {
      shardFiles.push({ path, bytes: size });
    }
  }
  const tokenizerFiles = Array.isArray(config?.tokenizer_files)
    ? (config.tokenizer_files as unknown[]).filter((f): f is string => typeof f === 'string')
    : ['tokenizer.json'];
  const tokenizers = tokenizerFiles.filter((f) => sizes.has(f));
  if (!tokenizers.some((f) => f === 'tokenizer.json' || f === 'tokenizer.model')) {
    errors.push('tokenizer.json is missing.');
  }
  const libs = folder.files.filter((f) => f.path.endsWith('.wasm'));
  if (libs.length === 0)
    errors.push(
      'The WebGPU model library (a .wasm file from mlc_llm compile --device webgpu) is missing.',
    );
  if (libs.length > 1)
    warnings.push(`Several .wasm files: ${libs.map((l) => l.path).join(', ')}; the first is used.`);

  const promptFormat = options.promptFormat ?? 'mathcoder';
  const modelConfig = (config?.model_config ?? {}) as Record<string, unknown>;
  const vocab = numberAt(config, 'vocab_size') ?? numberAt(modelConfig, 'vocab_size');
  if (promptFormat === 'mathcoder' && config) {
    await checkMathCoderMlc(folder, config, vocab, tokenizers, errors, warnings);
  }
  const rope = numberAt(modelConfig, 'rope_theta') ?? numberAt(config, 'rope_theta');
  const sourceRope = numberAt(options.sourceConfig, 'rope_theta');
  if (sourceRope !== undefined && rope !== undefined && rope !== sourceRope) {
    errors.push(
      `rope_theta is ${rope} in mlc-chat-config.json but ${sourceRope} in the source config.json: fix model_config.rope_theta.`,
    );
  } else if (promptFormat === 'mathcoder' && rope !== undefined && rope !== MATHCODER_ROPE_THETA) {
    warnings.push(
      `rope_theta is ${rope}; MathCoder-CL-7B's own config says ${MATHCODER_ROPE_THETA} (CodeLlama's 1e6 would be wrong for it). Check against the source config.json.`,
    );
  }
  const sourceVocab = numberAt(options.sourceConfig, 'vocab_size');
  if (sourceVocab !== undefined && vocab !== undefined && vocab !== sourceVocab) {
    errors.push(`vocab_size is ${vocab} but the source model has ${sourceVocab}.`);
  }
  const quantization =
    (typeof config?.quantization === 'string' ? config.quantization : undefined) ??
    /q\d+f\d+(_\d+)?/.exec(folder.name)?.[0] ??
    'unknown';
  if (errors.length > 0) return { entry: null, errors, warnings };
  const lib = libs[0]!.path;
  const file = (path: string): ModelListFile => ({ path, bytes: sizes.get(path)! });
  return {
    entry: {
      id: options.id ?? idFrom(folder.name),
      label: options.label,
      format: 'mlc',
      promptFormat,
      quantization,
      files: [
        file('mlc-chat-config.json'),
        file('tensor-cache.json'),
        ...tokenizers.map(file),
        ...shardFiles,
        file(lib),
      ],
      modelLib: lib,
      requiredFeatures: quantization.includes('f16') ? ['shader-f16'] : [],
    },
    errors,
    warnings,
  };
}

async function checkMathCoderMlc(
  folder: ModelFolder,
  config: Record<string, unknown>,
  vocab: number | undefined,
  tokenizers: string[],
  errors: string[],
  warnings: string[],
) {
  if (vocab !== undefined && !(vocab in MATHCODER_VOCABS)) {
    warnings.push(
      `vocab_size is ${vocab}; MathCoder-L-7B has 32008 (Llama-2's 32000 + MathCoder's 8 tokens) and MathCoder-CL-7B 32024 (CodeLlama's 32016 + 8).`,
    );
  }
  const template = (config.conv_template ?? {}) as Record<string, unknown>;
  const stops = Array.isArray(template.stop_str) ? template.stop_str : [];
  const missingStops = ['<|endofblock|>', '<|endofmessage|>'].filter((s) => !stops.includes(s));
  if (missingStops.length) {
    errors.push(
      `conv_template.stop_str in mlc-chat-config.json lacks ${missingStops.join(' and ')}: add them (and their ids to stop_token_ids).`,
    );
  }
  // tokenizer.model (SentencePiece) has no added tokens: MathCoder's blocks would be read as text, and no stop would match.
  if (!tokenizers.includes('tokenizer.json')) {
    errors.push(
      "tokenizer.json is missing: tokenizer.model alone lacks MathCoder's 8 added tokens. Keep tokenizer.json from the conversion and list it in tokenizer_files.",
    );
    return;
  }
  const tokenizer = await readJson(folder, 'tokenizer.json', errors);
  const added = Array.isArray(tokenizer?.added_tokens)
    ? (tokenizer.added_tokens as Array<{ content?: unknown; id?: unknown }>)
    : [];
  const missing = MATHCODER_ADDED_TOKENS.filter((t) => !added.some((a) => a.content === t));
  if (missing.length) {
    errors.push(`tokenizer.json lacks MathCoder's added tokens ${missing.join(' ')}.`);
    return;
  }
  // Each must be one token with its own id inside the embedding, or the model never sees it as one.
  const ids = MATHCODER_ADDED_TOKENS.map((t) =>
    added.filter((a) => a.content === t).map((a) => a.id),
  );
  const bad: string[] = MATHCODER_ADDED_TOKENS.filter((_, i) => {
    const [id, ...more] = ids[i]!;
    return more.length > 0 || typeof id !== 'number' || (vocab !== undefined && id >= vocab);
  });
  if (new Set(ids.flat()).size !== MATHCODER_ADDED_TOKENS.length && bad.length === 0)
    bad.push('(shared ids)');
  if (bad.length) {
    errors.push(
      `tokenizer.json does not give each of MathCoder's tokens one id below vocab_size: ${bad.join(' ')}.`,
    );
  }
}

const QUANT_IN_NAME = /(IQ\d_[A-Z]+|Q\d(_K)?(_[SML])?|Q\d_\d|F16|BF16|F32)/i;

async function inspectGguf(
  folder: ModelFolder,
  options: FolderOptions,
): Promise<Omit<FolderReport, 'root'>> {
  const errors: string[] = [];
  const warnings: string[] = [];
  const parts = folder.files
    .filter((f) => f.path.endsWith('.gguf'))
    .sort((a, b) => a.path.localeCompare(b.path));
  const others = folder.files.filter((f) => !f.path.endsWith('.gguf'));
  if (others.length)
    warnings.push(`Not part of the model, left out: ${others.map((f) => f.path).join(', ')}.`);
  for (const part of parts) {
    if (part.bytes > MAX_PART_BYTES) {
      errors.push(
        `${part.path} is ${(part.bytes / 1e9).toFixed(2)} GB; a browser cannot hold a file over 2 GB. Split it: llama-gguf-split --split-max-size 512M.`,
      );
    } else if (part.bytes > SUGGESTED_PART_BYTES) {
      warnings.push(
        `${part.path} is over 512 MB; smaller parts download in parallel and fit low-memory devices better.`,
      );
    }
  }
  const first = parts[0]!;
  let head: GgufHeadCheck;
  try {
    const bytes = await folder.readBytes(first.path, 0, Math.min(first.bytes, GGUF_HEADER_READ));
    head = await (options.checkGgufHead ?? checkGgufHead)(bytes);
  } catch (error) {
    head = { ok: false, message: String(error) };
  }
  const promptFormat = options.promptFormat ?? 'mathcoder';
  let quantization = QUANT_IN_NAME.exec(baseName(first.path))?.[0]?.toUpperCase() ?? 'unknown';
  if (!head.ok) {
    errors.push(`${first.path} is not a readable GGUF file: ${head.message}`);
  } else {
    const expected = head.splitCount ?? 1;
    if (expected !== parts.length) {
      errors.push(
        `${first.path} says the model has ${expected} part(s), but the folder has ${parts.length} .gguf file(s).`,
      );
    }
    if (promptFormat === 'mathcoder' && head.missingMathCoderTokens.length) {
      errors.push(
        `The GGUF vocabulary lacks MathCoder's tokens ${head.missingMathCoderTokens.join(' ')}: this is not a MathCoder conversion.`,
      );
    }
    if (head.architecture !== 'llama')
      warnings.push(`general.architecture is ${head.architecture}; MathCoder is a llama model.`);
    if (quantization === 'unknown' && head.fileType === 0) quantization = 'F32';
  }
  if (errors.length > 0) return { entry: null, errors, warnings };
  return {
    entry: {
      id: options.id ?? idFrom(folder.name),
      label: options.label,
      format: 'gguf',
      promptFormat,
      quantization,
      files: parts.map((p) => ({ path: p.path, bytes: p.bytes })),
      requiredFeatures: [],
      contextLength: 2048,
    },
    errors,
    warnings,
  };
}

import type { FormatId } from '../formats/prompt-format';
import { DEFAULT_HUB_URL } from './hub-file';
import type { HubModelRef } from './hub-model';
import { urlFileName } from '../url-name';
import { partsFromFirst } from '../gguf/gguf-split';

/** The built-in builds' quantizations; models.json may name others (Q8_0, q0f16, …). */
export type Quantization = 'q4f16_1' | 'q4f32_1' | 'Q4_0' | 'Q4_K_M' | 'F32' | (string & {});

/** One file of a GGUF model: split models have several, loaded in order. */
export interface GgufPart {
  /** A file name inside the model's folder, or an absolute same-origin URL. */
  file: string;
  sizeBytes?: number;
}

interface ModelBase {
  /** WebLLM model_id; for a model on this site also the folder name under public/models/. */
  id: string;
  label: string;
  backend: 'webllm' | 'wllama';
  formatId: FormatId;
  quantization: Quantization;
  /** Groups the f16 and f32 builds of one model. */
  family: string;
  approxDownloadMB: number;
  /** GPU memory WebLLM reports for the build, roughly. */
  approxVramMB: number;
  /** WebGPU features the build needs (q4f16_1 needs shader-f16). */
  requiredFeatures: string[];
  /** Context length to allocate (wllama only). */
  contextLength?: number;
  /** Its reported accuracy and where it was reported, for the list (built-in models only). */
  reported?: string;
  isDefault: boolean;
}

/** A model's own files in a folder: MLC's WebGPU library, or its GGUF parts. */
interface FolderFiles {
  /** File name of the WebGPU library inside the model's folder (WebLLM only). */
  modelLibFile?: string;
  /** The GGUF files (wllama only). */
  ggufParts?: GgufPart[];
}

/** Served from public/models/<id>/ next to the page. */
export interface SiteModel extends ModelBase, FolderFiles {
  source: 'site';
}

/** Added by the user from a local folder: its files exist only in browser storage, under `modelDir`. */
export interface FolderModel extends ModelBase, FolderFiles {
  source: 'folder';
  /** The model's folder, absolute. */
  modelDir: string;
}

/** WebLLM's prebuilt record, its files on Hugging Face. */
export interface WebllmModel extends ModelBase {
  source: 'webllm';
  backend: 'webllm';
}

/**
 * A GGUF model on a hub named `owner/repo:QUANT`: resolved through the hub's API at `hubUrl`, then downloaded by
 * HTTP Range from the commit it resolved to, into browser storage, and split for llama.cpp in the browser.
 */
export interface HubRepoModel extends ModelBase {
  source: 'hub';
  backend: 'wllama';
  hubModel: HubModelRef;
  /** The hub that serves it: Hugging Face, or a mirror (VITE_MODEL_HUB, models.json `hub`). */
  hubUrl: string;
  /** Added by the user from the hub by name: deleting it removes it from the list too. */
  addedByUser?: boolean;
  ggufUrl?: undefined;
}

/** One GGUF file of any size on a hub or a mirror, downloaded as a hub model's file is. */
export interface HubFileModel extends ModelBase {
  source: 'hub';
  backend: 'wllama';
  ggufUrl: string;
  /** Its size and sha256 where models.json gives them (a mirror without the hub's API). */
  ggufFile?: { size: number; sha256: string };
  hubModel?: undefined;
}

/** A test model made by scripts/test-model/make-test-gguf.ts: never offered unless the page asks for it. */
export interface TestModel extends ModelBase {
  source: 'test';
  backend: 'wllama';
  /** Absolute same-origin URLs. */
  ggufParts: GgufPart[];
}

/** A model the tutor can offer, by where its files come from; each kind carries only what it needs. */
export type ModelOption =
  SiteModel | FolderModel | WebllmModel | HubRepoModel | HubFileModel | TestModel;

/** Where a model's files come from. */
export type ModelSource = ModelOption['source'];

/** A model whose files sit in a folder of their own: on this site, or stored from the user's folder. */
export type FolderBacked = SiteModel | FolderModel;

export const isFolderBacked = (option: ModelOption): option is FolderBacked =>
  option.source === 'site' || option.source === 'folder';

/** Added by the user from the hub by name, so deleting it removes it from the list too. */
export const isAddedFromHub = (option: ModelOption): boolean =>
  option.source === 'hub' && option.hubModel !== undefined && option.addedByUser === true;

const MATHCODER_FAMILY = 'MathCoder-CL-7B';

/** The MathCoder paper's Table 2 and Qwen's Qwen2.5-Math report (tool-integrated mode). */
const REPORTED = {
  'MathCoder-L-7B': 'MATH 23.3, GSM8K 64.2 (MathCoder paper)',
  'MathCoder-CL-7B': 'MATH 30.2, GSM8K 67.8 (MathCoder paper)',
  'Qwen2.5-Math-1.5B-Instruct': 'MATH 79.7 with tools (Qwen2.5-Math report)',
} as const;
const QWEN_FAMILY = 'Qwen2.5-Math-1.5B-Instruct';

function mathcoder(quantization: Quantization): SiteModel {
  const id = `${MATHCODER_FAMILY}-${quantization}-MLC`;
  const f16 = quantization === 'q4f16_1';
  return {
    id,
    label: `MathCoder-CL 7B (${f16 ? '4-bit, f16' : '4-bit, f32 for GPUs without shader-f16'})`,
    backend: 'webllm',
    formatId: 'mathcoder',
    quantization,
    family: MATHCODER_FAMILY,
    // A 7B Llama at 4 bits is about 3.8 GB of shards; VRAM figures are WebLLM's for Llama-2-7B at a 4k context.
    approxDownloadMB: f16 ? 3800 : 3900,
    approxVramMB: f16 ? 6750 : 9110,
    requiredFeatures: f16 ? ['shader-f16'] : [],
    source: 'site',
    modelLibFile: `${MATHCODER_FAMILY}-${quantization}-webgpu.wasm`,
    reported: REPORTED[MATHCODER_FAMILY],
    isDefault: false,
  };
}

function qwen(quantization: Quantization): WebllmModel {
  const f16 = quantization === 'q4f16_1';
  return {
    id: `${QWEN_FAMILY}-${quantization}-MLC`,
    label: `Qwen2.5-Math 1.5B Instruct (${f16 ? '4-bit, f16' : '4-bit, f32 for GPUs without shader-f16'})`,
    backend: 'webllm',
    formatId: 'qwen-tir',
    quantization,
    family: QWEN_FAMILY,
    // VRAM from WebLLM's prebuiltAppConfig (0.2.86); the download is the size of the published MLC shards, roughly.
    approxDownloadMB: f16 ? 880 : 1000,
    approxVramMB: f16 ? 1630 : 1889,
    requiredFeatures: f16 ? ['shader-f16'] : [],
    source: 'webllm',
    reported: REPORTED[QWEN_FAMILY],
    isDefault: false,
  };
}

const GGUF_FAMILY = 'MathCoder-L-7B';

/** MathCoder-L-7B as a public GGUF conversion, split into parts of at most 512 MB for the browser (see public/models/README.md). */
function mathcoderGguf(): SiteModel {
  return {
    id: `${GGUF_FAMILY}-Q4_0-GGUF`,
    label: 'MathCoder-L 7B (GGUF 4-bit, llama.cpp: WebGPU or CPU)',
    backend: 'wllama',
    formatId: 'mathcoder',
    quantization: 'Q4_0',
    family: GGUF_FAMILY,
    // A 7B Llama at Q4_0 is about 3.83 GB; split with llama-gguf-split --split-max-size 512M (8 parts).
    approxDownloadMB: 3830,
    approxVramMB: 5000,
    requiredFeatures: [],
    source: 'site',
    // llama-gguf-split's 512 MB split of the public Q4_0: the other part names follow from the first.
    ggufParts: partsFromFirst(`${GGUF_FAMILY}.Q4_0-00001-of-00008.gguf`),
    // The reference implementation's server context.
    contextLength: 2048,
    reported: REPORTED[GGUF_FAMILY],
    isDefault: false,
  };
}

/**
 * A public GGUF conversion on the model hub, used as published: one file, no conversion, no hosting. Q4_0, not the
 * more common Q4_K_M: llama.cpp in the browser has 4 GiB of WebAssembly memory, and a 7B Q4_K_M (4.08 GB) leaves no
 * room there for any context, while a Q4_0 (3.83 GB) loads with the 2048-token one (npm run bench:scale).
 */
function mathcoderFromHub(
  family: 'MathCoder-L-7B' | 'MathCoder-CL-7B',
  hubModel: HubModelRef,
): HubRepoModel {
  const l = family === 'MathCoder-L-7B';
  return {
    id: `${family}-Q4_0-hub`,
    label: `MathCoder-${l ? 'L' : 'CL'} 7B (GGUF 4-bit, llama.cpp: WebGPU or CPU)`,
    backend: 'wllama',
    formatId: 'mathcoder',
    quantization: 'Q4_0',
    family: `${family}-hub`,
    // For the list and the memory check before the hub has said; the download takes its size from the hub's answer.
    approxDownloadMB: 3830,
    approxVramMB: 5000,
    requiredFeatures: [],
    source: 'hub',
    hubModel,
    hubUrl: DEFAULT_HUB_URL,
    contextLength: 2048,
    reported: REPORTED[family],
    isDefault: l,
  };
}

/**
 * The ladder's small rung: Qwen2.5-Math-1.5B-Instruct as a public GGUF on llama.cpp, so that a device without WebGPU
 * has a tool-using model a quarter of MathCoder's size (about 1 GB at Q4_K_M; the WebLLM builds need WebGPU).
 */
function qwenFromHub(): HubRepoModel {
  return {
    id: `${QWEN_FAMILY}-Q4_K_M-hub`,
    label: 'Qwen2.5-Math 1.5B Instruct (GGUF 4-bit, llama.cpp: WebGPU or CPU)',
    backend: 'wllama',
    formatId: 'qwen-tir',
    quantization: 'Q4_K_M',
    family: `${QWEN_FAMILY}-hub`,
    // The published Q4_K_M is 986 MB; llama.cpp adds its context and compute buffers.
    approxDownloadMB: 990,
    approxVramMB: 1500,
    requiredFeatures: [],
    source: 'hub',
    hubModel: { repo: 'bartowski/Qwen2.5-Math-1.5B-Instruct-GGUF', tag: 'Q4_K_M' },
    hubUrl: DEFAULT_HUB_URL,
    // Qwen2.5-Math's own context length: its tool-integrated solutions run longer than MathCoder's.
    contextLength: 4096,
    reported: REPORTED[QWEN_FAMILY],
    isDefault: false,
  };
}

const MODELS: readonly ModelOption[] = [
  // One uploader's conversions of both (MathLLMs' own repositories hold no GGUF); the files are found by tag.
  mathcoderFromHub('MathCoder-L-7B', {
    repo: 'RichardErkhov/MathLLMs_-_MathCoder-L-7B-gguf',
    tag: 'Q4_0',
  }),
  mathcoderFromHub('MathCoder-CL-7B', {
    repo: 'RichardErkhov/MathLLMs_-_MathCoder-CL-7B-gguf',
    tag: 'Q4_0',
  }),
  mathcoder('q4f16_1'),
  mathcoder('q4f32_1'),
  mathcoderGguf(),
  qwen('q4f16_1'),
  qwen('q4f32_1'),
  qwenFromHub(),
];

/** The option with its hub model served by `hubUrl` (a school's mirror) instead. */
export function onHub(option: ModelOption, hubUrl: string): ModelOption {
  return option.source === 'hub' && option.hubModel ? { ...option, hubUrl } : option;
}

/** The built-in models, their hub files served by `hubUrl`. */
export function listModels(hubUrl = DEFAULT_HUB_URL): ModelOption[] {
  return MODELS.map((m) => onHub(structuredClone(m), hubUrl));
}

export const TEST_MODEL_ID = 'test-model-gguf';

/** The tiny generated test model at `url` (an absolute same-origin URL); labelled so that no one takes it for MathCoder. */
export function testModel(url: string): TestModel {
  const name = urlFileName(new URL(url));
  return {
    id: TEST_MODEL_ID,
    label: `Test model, not MathCoder (${name})`,
    backend: 'wllama',
    formatId: 'mathcoder',
    quantization: 'F32',
    family: 'test',
    approxDownloadMB: 0,
    approxVramMB: 0,
    requiredFeatures: [],
    source: 'test',
    ggufParts: [{ file: url }],
    contextLength: 2048,
    isDefault: false,
  };
}

/** The model selected until chooseDefaultModel (model-fit.ts) has seen what loads here. */
export function defaultModel(): ModelOption {
  const found = listModels().find((m) => m.isDefault);
  if (!found) throw new Error('The model catalog has no default model.');
  return found;
}

export function findModel(id: string): ModelOption | undefined {
  return listModels().find((m) => m.id === id);
}

/** The build of `option`'s model that this GPU can run: the f32 sibling when shader-f16 is missing. */
export function chooseVariant(option: ModelOption, gpu: { shaderF16: boolean }): ModelOption {
  if (gpu.shaderF16 || !option.requiredFeatures.includes('shader-f16')) return option;
  return (
    listModels().find(
      (m) => m.family === option.family && !m.requiredFeatures.includes('shader-f16'),
    ) ?? option
  );
}

/** The folder a model's files are in, absolute (WebLLM rejects relative URLs). */
export function modelDir(option: FolderBacked, baseUrl: string): string {
  return option.source === 'folder'
    ? option.modelDir
    : new URL(`models/${option.id}/`, baseUrl).href;
}

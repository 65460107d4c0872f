// The layout of a GGUF shaped exactly like MathCoder-L-7B (Llama-2-7B plus MathCoder's 8 added tokens): what the header
// says and how many bytes each tensor has, so the file can be streamed without holding it. Three recipes: every weight
// Q4_0, or the tensor types of a public Q4_K_M or Q3_K_M conversion.
import { TOKEN_TYPE } from '../../src/engine/gguf/gguf';
import { MATHCODER_ADDED_TOKENS } from '../../src/engine/formats/mathcoder';
import { GGML_TYPE, type MetadataValue, type TensorInfo } from './gguf-writer';
import { syntheticLlamaVocab } from './synthetic-llama-vocab';

/** Where the generator writes by default (git-ignored). */
export const DEFAULT_FULL_SIZE_GGUF = 'bench-out/mathcoder-l-7b-shaped-q4_0.gguf';

export const LLAMA_2_7B = {
  layers: 32,
  nEmbd: 4096,
  nFf: 11008,
  heads: 32,
  contextLength: 4096,
} as const;

/** Weights per block and bytes per block of each quantized type (ggml-common.h's block structs). */
export const QUANT_BLOCK = {
  // An f16 scale and 16 bytes of 4-bit values.
  [GGML_TYPE.Q4_0]: { weights: 32, bytes: 18 },
  // 32 bytes of high bits, 64 of low 2 bits, 12 of 6-bit sub-block scales, an f16 scale.
  [GGML_TYPE.Q3_K]: { weights: 256, bytes: 110 },
  // f16 d and dmin, 12 bytes of 6-bit sub-block scales and mins, 128 bytes of 4-bit values.
  [GGML_TYPE.Q4_K]: { weights: 256, bytes: 144 },
  // As Q4_K, with 32 bytes of fifth bits.
  [GGML_TYPE.Q5_K]: { weights: 256, bytes: 176 },
  // 128 bytes of low 4 bits, 64 of high 2 bits, 16 int8 sub-block scales, an f16 scale.
  [GGML_TYPE.Q6_K]: { weights: 256, bytes: 210 },
} as const;

export type QuantizedType = keyof typeof QUANT_BLOCK;
export const Q4_0_BLOCK = QUANT_BLOCK[GGML_TYPE.Q4_0];

/** `q4_0`: every matrix Q4_0. `q4_k_m`, `q3_k_m`: the types llama.cpp's quantize picks for those on a Llama-2-7B. */
export type Recipe = 'q4_0' | 'q4_k_m' | 'q3_k_m';

/** llama.cpp's rule for which layers of attn_v and ffn_down get more bits: the first and last eighth, and every third between. */
export function usesMoreBits(layer: number, layers: number): boolean {
  const eighth = Math.floor(layers / 8);
  return layer < eighth || layer >= Math.floor((7 * layers) / 8) || (layer - eighth) % 3 === 2;
}

/** The type of one matrix under a recipe. */
export function tensorType(
  recipe: Recipe,
  name: string,
  layer: number,
  layers: number,
): QuantizedType {
  if (recipe === 'q4_0') return GGML_TYPE.Q4_0;
  if (name === 'output.weight') return GGML_TYPE.Q6_K;
  if (recipe === 'q3_k_m') return q3KMType(name, layer, layers);
  if (
    (name.endsWith('attn_v.weight') || name.endsWith('ffn_down.weight')) &&
    usesMoreBits(layer, layers)
  )
    return GGML_TYPE.Q6_K;
  return GGML_TYPE.Q4_K;
}

/**
 * Q3_K_M on a llama: Q5_K for attn_v of the first two layers and ffn_down of the first sixteenth, Q4_K for the other
 * attn_v, ffn_down and every attn_output, Q3_K elsewhere (the token embedding too).
 */
function q3KMType(name: string, layer: number, layers: number): QuantizedType {
  if (name.endsWith('attn_v.weight')) return layer < 2 ? GGML_TYPE.Q5_K : GGML_TYPE.Q4_K;
  if (name.endsWith('ffn_down.weight'))
    return layer < Math.floor(layers / 16) ? GGML_TYPE.Q5_K : GGML_TYPE.Q4_K;
  if (name.endsWith('attn_output.weight')) return GGML_TYPE.Q4_K;
  return GGML_TYPE.Q3_K;
}

export interface FullSizeModel {
  metadata: Array<[string, MetadataValue]>;
  tensors: TensorInfo[];
  vocabSize: number;
}

export function quantTensor(
  name: string,
  dims: [number, number],
  ggmlType: QuantizedType,
): TensorInfo {
  const block = QUANT_BLOCK[ggmlType];
  if (dims[0] % block.weights !== 0) throw new Error(`${name}: rows must be whole blocks.`);
  const blocks = (dims[0] * dims[1]) / block.weights;
  return { name, dims, ggmlType, byteLength: blocks * block.bytes };
}

export const f32Vector = (name: string, n: number): TensorInfo => ({
  name,
  dims: [n],
  ggmlType: GGML_TYPE.F32,
  byteLength: n * 4,
});

/** llama.cpp's `general.file_type` for each recipe (LLAMA_FTYPE_MOSTLY_Q4_0, _Q4_K_M, _Q3_K_M). */
export const FILE_TYPE: Record<Recipe, number> = { q4_0: 2, q4_k_m: 15, q3_k_m: 12 };

/** Llama-2-7B's tensors and header with `layers` blocks (32 for the real shape; fewer only as a quick development run). */
export function fullSizeModel(
  layers: number = LLAMA_2_7B.layers,
  recipe: Recipe = 'q4_0',
): FullSizeModel {
  const { nEmbd, nFf, heads } = LLAMA_2_7B;
  const vocab = syntheticLlamaVocab();
  // CONTROL, as a standard conversion of MathCoder types its added tokens; the app retypes them on load.
  for (const token of MATHCODER_ADDED_TOKENS) {
    vocab.tokens.push(token);
    vocab.scores.push(0);
    vocab.types.push(TOKEN_TYPE.control);
  }
  const V = vocab.tokens.length;
  // The layer rule counts from the real model's 32 layers even in a shortened development file.
  const matrix = (name: string, dims: [number, number], layer = -1) =>
    quantTensor(name, dims, tensorType(recipe, name, layer, LLAMA_2_7B.layers));
  const tensors: TensorInfo[] = [
    matrix('token_embd.weight', [nEmbd, V]),
    f32Vector('output_norm.weight', nEmbd),
    matrix('output.weight', [nEmbd, V]),
  ];
  for (let i = 0; i < layers; i++) {
    const blk = `blk.${i}`;
    tensors.push(
      f32Vector(`${blk}.attn_norm.weight`, nEmbd),
      matrix(`${blk}.attn_q.weight`, [nEmbd, nEmbd], i),
      matrix(`${blk}.attn_k.weight`, [nEmbd, nEmbd], i),
      matrix(`${blk}.attn_v.weight`, [nEmbd, nEmbd], i),
      matrix(`${blk}.attn_output.weight`, [nEmbd, nEmbd], i),
      f32Vector(`${blk}.ffn_norm.weight`, nEmbd),
      matrix(`${blk}.ffn_gate.weight`, [nEmbd, nFf], i),
      matrix(`${blk}.ffn_up.weight`, [nEmbd, nFf], i),
      matrix(`${blk}.ffn_down.weight`, [nFf, nEmbd], i),
    );
  }
  const u32 = (value: number): MetadataValue => ({ type: 'u32', value });
  const metadata: Array<[string, MetadataValue]> = [
    ['general.architecture', { type: 'string', value: 'llama' }],
    [
      'general.name',
      {
        type: 'string',
        value: `MathCoder-L-7B shapes, constant ${recipe.toUpperCase()} weights (not a real model)`,
      },
    ],
    ['general.file_type', u32(FILE_TYPE[recipe])],
    ['llama.context_length', u32(LLAMA_2_7B.contextLength)],
    ['llama.embedding_length', u32(nEmbd)],
    ['llama.block_count', u32(layers)],
    ['llama.feed_forward_length', u32(nFf)],
    ['llama.rope.dimension_count', u32(nEmbd / heads)],
    ['llama.attention.head_count', u32(heads)],
    ['llama.attention.head_count_kv', u32(heads)],
    ['llama.attention.layer_norm_rms_epsilon', { type: 'f32', value: 1e-5 }],
    ['llama.rope.freq_base', { type: 'f32', value: 10000 }],
    ['tokenizer.ggml.model', { type: 'string', value: 'llama' }],
    ['tokenizer.ggml.tokens', { type: 'strings', value: vocab.tokens }],
    ['tokenizer.ggml.scores', { type: 'f32s', value: vocab.scores }],
    ['tokenizer.ggml.token_type', { type: 'i32s', value: vocab.types }],
    ['tokenizer.ggml.bos_token_id', u32(1)],
    ['tokenizer.ggml.eos_token_id', u32(2)],
    ['tokenizer.ggml.unknown_token_id', u32(0)],
    ['tokenizer.ggml.add_bos_token', { type: 'bool', value: true }],
    ['tokenizer.ggml.add_eos_token', { type: 'bool', value: false }],
    // As public conversions of MathCoder set it.
    ['tokenizer.ggml.add_space_prefix', { type: 'bool', value: true }],
  ];
  return { metadata, tensors, vocabSize: V };
}

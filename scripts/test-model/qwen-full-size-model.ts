// The layout of a GGUF shaped exactly like Qwen2.5-Math-1.5B-Instruct at Q4_K_M, as llama.cpp's converter and
// quantizer write it (`qwen2` architecture, biases on q/k/v, output tied to the token embedding, Qwen2's byte-level
// BPE vocabulary), so the file can be streamed without holding it. The weights are constant; the shapes are the model's.
import { GGML_TYPE, type MetadataValue, type TensorInfo } from './gguf-writer';
import {
  f32Vector,
  FILE_TYPE,
  quantTensor,
  usesMoreBits,
  type FullSizeModel,
  type QuantizedType,
} from './full-size-model';
import { QWEN2_ADDED_TOKENS, QWEN2_REGULAR_TOKENS, syntheticQwenVocab } from './qwen-vocab';

/** Where the generator writes it by default (git-ignored). */
export const DEFAULT_QWEN_FULL_SIZE_GGUF = 'bench-out/qwen2.5-math-1.5b-shaped-q4_k_m.gguf';

/** Qwen2.5-Math-1.5B-Instruct's config.json. */
export const QWEN25_MATH_1_5B = {
  layers: 28,
  nEmbd: 1536,
  nFf: 8960,
  heads: 12,
  headsKv: 2,
  contextLength: 4096,
  ropeTheta: 10000,
  rmsEps: 1e-6,
} as const;

/** The name carries Qwen2.5-Math, as the app's header check for the tool-integrated format expects. */
export const QWEN_FULL_SIZE_NAME =
  'Qwen2.5-Math-1.5B-Instruct shapes, constant Q4_K_M weights (not a real model)';

/**
 * llama.cpp's Q4_K_M choice for each matrix of this model: Q6_K for the token embedding (it doubles as the output
 * when there is no `output.weight`) and for attn_v and ffn_down in the layers `usesMoreBits` names; Q4_K elsewhere.
 */
export function qwenTensorType(name: string, layer: number, layers: number): QuantizedType {
  if (name === 'token_embd.weight') return GGML_TYPE.Q6_K;
  const moreBits = name.endsWith('attn_v.weight') || name.endsWith('ffn_down.weight');
  return moreBits && usesMoreBits(layer, layers) ? GGML_TYPE.Q6_K : GGML_TYPE.Q4_K;
}

const bos = QWEN2_REGULAR_TOKENS;
const imEnd = QWEN2_REGULAR_TOKENS + QWEN2_ADDED_TOKENS.indexOf('<|im_end|>');

/**
 * The small rung's vocabulary and merges (its 4.5 MB header) on a model of one narrow layer: about 37 MB that loads in
 * seconds, for checking what the header costs the page.
 */
export const QWEN_VOCABULARY_ONLY = {
  layers: 1,
  nEmbd: 256,
  nFf: 256,
  heads: 4,
  headsKv: 2,
} as const;

/**
 * Qwen2.5-Math-1.5B-Instruct's tensors and header with `layers` blocks (28 for the real shape; fewer only to try a
 * script); `dims` narrows the layers (QWEN_VOCABULARY_ONLY) and keeps the vocabulary.
 */
export function qwenFullSizeModel(
  layers: number = QWEN25_MATH_1_5B.layers,
  dims: { nEmbd: number; nFf: number; heads: number; headsKv: number } = QWEN25_MATH_1_5B,
): FullSizeModel {
  const { nEmbd, nFf, heads, headsKv } = dims;
  const nEmbdKv = (nEmbd / heads) * headsKv;
  const vocab = syntheticQwenVocab();
  const V = vocab.tokens.length;
  const matrix = (name: string, dims: [number, number], layer = -1) =>
    quantTensor(name, dims, qwenTensorType(name, layer, QWEN25_MATH_1_5B.layers));
  // No output.weight: the published model ties its output to the embedding, and llama.cpp then reads token_embd twice.
  const tensors: TensorInfo[] = [
    matrix('token_embd.weight', [nEmbd, V]),
    f32Vector('output_norm.weight', nEmbd),
  ];
  for (let i = 0; i < layers; i++) {
    const blk = `blk.${i}`;
    tensors.push(
      f32Vector(`${blk}.attn_norm.weight`, nEmbd),
      matrix(`${blk}.attn_q.weight`, [nEmbd, nEmbd], i),
      f32Vector(`${blk}.attn_q.bias`, nEmbd),
      matrix(`${blk}.attn_k.weight`, [nEmbd, nEmbdKv], i),
      f32Vector(`${blk}.attn_k.bias`, nEmbdKv),
      matrix(`${blk}.attn_v.weight`, [nEmbd, nEmbdKv], i),
      f32Vector(`${blk}.attn_v.bias`, nEmbdKv),
      matrix(`${blk}.attn_output.weight`, [nEmbd, nEmbd], i),
      f32Vector(`${blk}.ffn_norm.weight`, nEmbd),
      matrix(`${blk}.ffn_gate.weight`, [nEmbd, nFf], i),
      matrix(`${blk}.ffn_up.weight`, [nEmbd, nFf], i),
      matrix(`${blk}.ffn_down.weight`, [nFf, nEmbd], i),
    );
  }
  const u32 = (value: number): MetadataValue => ({ type: 'u32', value });
  const f32 = (value: number): MetadataValue => ({ type: 'f32', value });
  const metadata: Array<[string, MetadataValue]> = [
    ['general.architecture', { type: 'string', value: 'qwen2' }],
    ['general.name', { type: 'string', value: QWEN_FULL_SIZE_NAME }],
    ['general.file_type', u32(FILE_TYPE.q4_k_m)],
    ['qwen2.block_count', u32(layers)],
    ['qwen2.context_length', u32(QWEN25_MATH_1_5B.contextLength)],
    ['qwen2.embedding_length', u32(nEmbd)],
    ['qwen2.feed_forward_length', u32(nFf)],
    ['qwen2.attention.head_count', u32(heads)],
    ['qwen2.attention.head_count_kv', u32(headsKv)],
    ['qwen2.rope.freq_base', f32(QWEN25_MATH_1_5B.ropeTheta)],
    ['qwen2.attention.layer_norm_rms_epsilon', f32(QWEN25_MATH_1_5B.rmsEps)],
    ['tokenizer.ggml.model', { type: 'string', value: 'gpt2' }],
    ['tokenizer.ggml.pre', { type: 'string', value: 'qwen2' }],
    ['tokenizer.ggml.tokens', { type: 'strings', value: vocab.tokens }],
    ['tokenizer.ggml.token_type', { type: 'i32s', value: vocab.types }],
    ['tokenizer.ggml.merges', { type: 'strings', value: vocab.merges }],
    ['tokenizer.ggml.eos_token_id', u32(imEnd)],
    ['tokenizer.ggml.padding_token_id', u32(bos)],
    ['tokenizer.ggml.bos_token_id', u32(bos)],
    ['tokenizer.ggml.add_bos_token', { type: 'bool', value: false }],
  ];
  return { metadata, tensors, vocabSize: V };
}

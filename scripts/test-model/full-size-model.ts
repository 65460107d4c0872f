// The layout of a GGUF shaped exactly like MathCoder-L-7B (Llama-2-7B plus MathCoder's 8 added tokens) with Q4_0
// weights: what the header says and how many bytes each tensor has, so the file can be streamed without holding it.
import { TOKEN_TYPE } from '../../src/engine/backends/wllama/gguf';
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

/** Q4_0: 32 weights per block, stored as an f16 scale and 16 bytes of 4-bit values. */
export const Q4_0_BLOCK = { weights: 32, bytes: 18 } as const;

export interface FullSizeModel {
  metadata: Array<[string, MetadataValue]>;
  tensors: TensorInfo[];
  vocabSize: number;
}

function q4Tensor(name: string, dims: [number, number]): TensorInfo {
  if (dims[0] % Q4_0_BLOCK.weights !== 0)
    throw new Error(`${name}: rows must be whole Q4_0 blocks.`);
  const blocks = (dims[0] * dims[1]) / Q4_0_BLOCK.weights;
  return { name, dims, ggmlType: GGML_TYPE.Q4_0, byteLength: blocks * Q4_0_BLOCK.bytes };
}

const f32Vector = (name: string, n: number): TensorInfo => ({
  name,
  dims: [n],
  ggmlType: GGML_TYPE.F32,
  byteLength: n * 4,
});

/** Llama-2-7B's tensors and header with `layers` blocks (32 for the real shape; fewer for a quick run). */
export function fullSizeModel(layers: number = LLAMA_2_7B.layers): FullSizeModel {
  const { nEmbd, nFf, heads } = LLAMA_2_7B;
  const vocab = syntheticLlamaVocab();
  // CONTROL, as a standard conversion of MathCoder types its added tokens; the app retypes them on load.
  for (const token of MATHCODER_ADDED_TOKENS) {
    vocab.tokens.push(token);
    vocab.scores.push(0);
    vocab.types.push(TOKEN_TYPE.control);
  }
  const V = vocab.tokens.length;
  const tensors: TensorInfo[] = [
    q4Tensor('token_embd.weight', [nEmbd, V]),
    f32Vector('output_norm.weight', nEmbd),
    q4Tensor('output.weight', [nEmbd, V]),
  ];
  for (let i = 0; i < layers; i++) {
    const blk = `blk.${i}`;
    tensors.push(
      f32Vector(`${blk}.attn_norm.weight`, nEmbd),
      q4Tensor(`${blk}.attn_q.weight`, [nEmbd, nEmbd]),
      q4Tensor(`${blk}.attn_k.weight`, [nEmbd, nEmbd]),
      q4Tensor(`${blk}.attn_v.weight`, [nEmbd, nEmbd]),
      q4Tensor(`${blk}.attn_output.weight`, [nEmbd, nEmbd]),
      f32Vector(`${blk}.ffn_norm.weight`, nEmbd),
      q4Tensor(`${blk}.ffn_gate.weight`, [nEmbd, nFf]),
      q4Tensor(`${blk}.ffn_up.weight`, [nEmbd, nFf]),
      q4Tensor(`${blk}.ffn_down.weight`, [nFf, nEmbd]),
    );
  }
  const u32 = (value: number): MetadataValue => ({ type: 'u32', value });
  const metadata: Array<[string, MetadataValue]> = [
    ['general.architecture', { type: 'string', value: 'llama' }],
    [
      'general.name',
      { type: 'string', value: 'MathCoder-L-7B shapes, constant Q4_0 weights (not a real model)' },
    ],
    // 2: mostly Q4_0.
    ['general.file_type', u32(2)],
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

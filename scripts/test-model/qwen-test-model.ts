// A one-layer Qwen2 (biases on q/k/v, byte-level BPE with the `qwen2` pre-tokenizer and Qwen's chat tokens) whose greedy
// decoding writes a fixed solution in Qwen2.5-Math's tool-integrated format: prose, a ```python block, then "```output"
// (where the app stops it and appends what the code printed), then a closing sentence with \boxed{42} and <|im_end|>.
// How it works is in public/models/README.md ("The test model").
import { TOKEN_TYPE } from '../../src/engine/gguf/gguf';
import { BYTE_CHARS, bpeTokenize, byteLevel, mergeRanks, prefixMerges } from './byte-level-bpe';
import { writeGguf, type F32Tensor, type MetadataValue } from './gguf-writer';
import { addQwenSpecials, type BpeVocab } from './qwen-vocab';

/** The words the model writes, one token each, as Qwen2's pre-tokenizer cuts them. */
export const QWEN_TEST_SCRIPT = {
  prose: ['To', ' multiply', ' six', ' by', ' seven', ',', ' we', ' use', ' Python', ':\n'],
  code: ['```', 'python', '\n', 'print', '(', '6', '*', '7', ')\n', '```\n'],
  /** Written after the code; the app stops at "```output" and appends the execution. */
  outputFence: ['```', 'output'],
  closing: ['The', ' answer', ' is', ' \\', 'boxed', '{', '4', '2', '}.'],
} as const;

/** The model's whole answer with the execution the app appends, as the context holds it after the solve. */
export const QWEN_TEST_ANSWER =
  'To multiply six by seven, we use Python:\n```python\nprint(6*7)\n```\n```output\n42\n```\n' +
  'The answer is \\boxed{42}.';

export const QWEN_TEST_MODEL_NAME = 'Qwen2.5-Math format tutor test model (not a real model)';

const HEAD_DIM = 64;
const N_FF = 64;
const CONTEXT = 4096;
/** Logit of a token's fixed successor. */
const M = 2048;
/** Logit of the usual successor at a branch; the other one gets BRANCH - 1 plus its counter. */
const BRANCH = 500;
/** Scale of the counters: a count of one among CONTEXT positions still gives C / CONTEXT = 2. */
const C = 2 * CONTEXT;

export interface QwenTestModel {
  bytes: Uint8Array;
  tokens: string[];
  nEmbd: number;
}

/** Byte tokens, every prefix of every script word (each one merge), then Qwen's added tokens. */
function scriptVocab(words: readonly string[]): BpeVocab {
  const tokens = [...BYTE_CHARS];
  const merges: string[] = [];
  const known = new Set(tokens);
  for (const word of words) {
    for (const { merge, token } of prefixMerges(word)) {
      if (known.has(token)) continue;
      known.add(token);
      tokens.push(token);
      merges.push(merge);
    }
  }
  const vocab = { tokens, types: tokens.map(() => TOKEN_TYPE.normal), merges };
  addQwenSpecials(vocab);
  return vocab;
}

/** The one-layer Qwen2 that writes QWEN_TEST_SCRIPT; throws if llama.cpp would not read its script back as its tokens. */
export function buildQwenTestModel(): QwenTestModel {
  const s = QWEN_TEST_SCRIPT;
  const vocab = scriptVocab([...s.prose, ...s.code, ...s.outputFence, ...s.closing]);
  const { tokens } = vocab;
  const ids = new Map(tokens.map((t, i) => [t, i]));
  const id = (word: string) => {
    const found = ids.get(byteLevel(word)) ?? ids.get(word);
    if (found === undefined) throw new Error(`No token for ${JSON.stringify(word)}`);
    return found;
  };
  // Each word is one token when the tokenizer reads the answer, and the prompt ends on "\n".
  const ranks = mergeRanks(vocab.merges);
  const expected = [
    ...s.prose,
    ...s.code,
    ...s.outputFence,
    '\n',
    '4',
    '2',
    '\n',
    '```\n',
    ...s.closing,
  ].map(byteLevel);
  const got = bpeTokenize(QWEN_TEST_ANSWER, ranks);
  if (got.join('|') !== expected.join('|'))
    throw new Error(`The answer does not tokenize into its words: ${got.join('|')}`);
  const promptEnd = bpeTokenize(`assistant\n`, ranks).at(-1);
  if (promptEnd !== byteLevel('\n')) throw new Error('The prompt must end on a newline token.');

  const prose = s.prose.map(id);
  const code = s.code.map(id);
  const [fence, output] = s.outputFence.map(id) as [number, number];
  const closing = s.closing.map(id);
  const newline = id('\n');
  const fenceEnd = id('```\n');
  const imEnd = id('<|im_end|>');
  const stateTokens = [...new Set([newline, ...prose, ...code, fence, output, ...closing])];
  const dim = new Map(stateTokens.map((t, i) => [t, i]));
  const d = (t: number) => dim.get(t)!;
  // Three counters, each the share of the context one token holds, times C: fences, closed fences, executions.
  const counted = [fence, fenceEnd, output];
  const counter = (t: number) => stateTokens.length + counted.indexOf(t);
  const nEmbd = Math.ceil((stateTokens.length + counted.length) / HEAD_DIM) * HEAD_DIM;
  const V = tokens.length;

  const embd = new Float32Array(V * nEmbd);
  for (const t of stateTokens) embd[t * nEmbd + d(t)] = 1;

  const out = new Float32Array(V * nEmbd);
  const logit = (next: number, fromDim: number, weight: number) => {
    out[next * nEmbd + fromDim] = (out[next * nEmbd + fromDim] ?? 0) + weight;
  };
  const chain = (seq: readonly number[]) => {
    for (let i = 0; i + 1 < seq.length; i++) logit(seq[i + 1]!, d(seq[i]!), M);
  };
  /** After `at`, `usual`, or `other` once `when` is in the context. */
  const branch = (at: number, usual: number, other: number, when: number) => {
    logit(usual, d(at), BRANCH);
    logit(other, d(at), BRANCH - 1);
    logit(other, counter(when), 1);
  };
  // "\n" ends the prompt (then prose) and the fence's first line (then code, once a fence is open).
  branch(newline, prose[0]!, code[3]!, fence);
  chain([...prose, fence]);
  // "```" opens the code, or, once a fence has closed, asks for its output.
  branch(fence, code[1]!, output, fenceEnd);
  chain(code.slice(1, 3));
  chain(code.slice(3));
  // "```\n" closes the code (then "```output"), or the output the app appended (then the closing sentence).
  branch(fenceEnd, fence, closing[0]!, output);
  chain([...closing, imEnd]);

  const sq = (n: number) => new Float32Array(n * n);
  const ones = () => new Float32Array(nEmbd).fill(1);
  const zeros = () => new Float32Array(nEmbd);
  const v = sq(nEmbd);
  const o = sq(nEmbd);
  counted.forEach((t, k) => {
    // attn_norm scales a one-hot row by sqrt(nEmbd); this brings each counted token's value back to 1.
    v[k * nEmbd + d(t)] = 1 / Math.sqrt(nEmbd);
    o[counter(t) * nEmbd + k] = C;
  });

  const tensors: F32Tensor[] = [
    { name: 'token_embd.weight', dims: [nEmbd, V], data: embd },
    { name: 'output_norm.weight', dims: [nEmbd], data: ones() },
    // The published 1.5B ties its output to the embedding; this model needs its own, as Qwen2's larger models have.
    { name: 'output.weight', dims: [nEmbd, V], data: out },
    { name: 'blk.0.attn_norm.weight', dims: [nEmbd], data: ones() },
    { name: 'blk.0.attn_q.weight', dims: [nEmbd, nEmbd], data: sq(nEmbd) },
    { name: 'blk.0.attn_q.bias', dims: [nEmbd], data: zeros() },
    { name: 'blk.0.attn_k.weight', dims: [nEmbd, nEmbd], data: sq(nEmbd) },
    { name: 'blk.0.attn_k.bias', dims: [nEmbd], data: zeros() },
    { name: 'blk.0.attn_v.weight', dims: [nEmbd, nEmbd], data: v },
    { name: 'blk.0.attn_v.bias', dims: [nEmbd], data: zeros() },
    { name: 'blk.0.attn_output.weight', dims: [nEmbd, nEmbd], data: o },
    { name: 'blk.0.ffn_norm.weight', dims: [nEmbd], data: ones() },
    { name: 'blk.0.ffn_gate.weight', dims: [nEmbd, N_FF], data: new Float32Array(nEmbd * N_FF) },
    { name: 'blk.0.ffn_up.weight', dims: [nEmbd, N_FF], data: new Float32Array(nEmbd * N_FF) },
    { name: 'blk.0.ffn_down.weight', dims: [N_FF, nEmbd], data: new Float32Array(nEmbd * N_FF) },
  ];
  const u32 = (value: number): MetadataValue => ({ type: 'u32', value });
  const metadata: Array<[string, MetadataValue]> = [
    ['general.architecture', { type: 'string', value: 'qwen2' }],
    ['general.name', { type: 'string', value: QWEN_TEST_MODEL_NAME }],
    ['general.file_type', u32(0)],
    ['qwen2.block_count', u32(1)],
    ['qwen2.context_length', u32(CONTEXT)],
    ['qwen2.embedding_length', u32(nEmbd)],
    ['qwen2.feed_forward_length', u32(N_FF)],
    ['qwen2.attention.head_count', u32(nEmbd / HEAD_DIM)],
    ['qwen2.attention.head_count_kv', u32(nEmbd / HEAD_DIM)],
    ['qwen2.rope.freq_base', { type: 'f32', value: 10000 }],
    ['qwen2.attention.layer_norm_rms_epsilon', { type: 'f32', value: 1e-6 }],
    ['tokenizer.ggml.model', { type: 'string', value: 'gpt2' }],
    ['tokenizer.ggml.pre', { type: 'string', value: 'qwen2' }],
    ['tokenizer.ggml.tokens', { type: 'strings', value: tokens }],
    ['tokenizer.ggml.token_type', { type: 'i32s', value: vocab.types }],
    ['tokenizer.ggml.merges', { type: 'strings', value: vocab.merges }],
    ['tokenizer.ggml.eos_token_id', u32(imEnd)],
    ['tokenizer.ggml.padding_token_id', u32(id('<|endoftext|>'))],
    ['tokenizer.ggml.bos_token_id', u32(id('<|endoftext|>'))],
    ['tokenizer.ggml.add_bos_token', { type: 'bool', value: false }],
  ];
  return { bytes: writeGguf(metadata, tensors), tokens, nEmbd };
}

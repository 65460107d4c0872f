import { MATHCODER_ADDED_TOKENS } from '../../src/engine/formats/mathcoder';
import { writeGguf, type F32Tensor, type MetadataValue } from './gguf-writer';
import { llamaMathcoderVocabulary } from './llama-vocab';
import { piecesVocabulary } from './pieces-vocab';
import { spmTokenize } from './spm';

/** What the test model writes, piece by piece: each piece is one token and appears once, so its successor is fixed. */
export interface TestScript {
  prose: readonly string[];
  code: readonly string[];
  /** After the execution block; the last piece carries the \boxed{} answer and ends the turn. */
  closing: readonly string[];
}

export const DEFAULT_SCRIPT: TestScript = {
  prose: ['Test model:', ' compute \\((3 + 4) \\times 6\\)', ' with Python.'],
  // The pause gives an end-to-end test time to press Stop while the cell runs.
  code: ['import time\n', 'time.sleep(1.5)\n', 'total = 3 + 4\n', 'total * 6'],
  closing: ['Python printed 42,', ' so the answer is \\boxed{42}.'],
};

/** The text the test model writes for a script, as the tutor's context holds it. */
export function scriptText(script: TestScript, output: string): string {
  return (
    `<|text|>${script.prose.join('')}<|endofblock|>` +
    `<|code|>${script.code.join('')}<|endofblock|>` +
    `<|execution|>${output}<|endofblock|>` +
    `<|text|>${script.closing.join('')}<|endofblock|><|endofmessage|>`
  );
}

const HEAD_DIM = 64;
const N_FF = 64;
const CONTEXT = 2048;
/** Logit of a token's fixed successor, per unit of its one-hot dimension. */
const M = 2048;
/** Scale of the counters: at most CONTEXT positions, so a count of one gives at least C / CONTEXT = 2. */
const C = 4096;

const MODEL_NAMES: Record<TestVocabularyKind, string> = {
  pieces: 'MathCoder tutor test model (not a real model)',
  llama: 'MathCoder tutor test model on the LLaMA-2 vocabulary (not a real model)',
};

const escape = (piece: string) => piece.replaceAll(' ', '\u2581');
/** A one-byte piece the vocabulary lacks (LLaMA's newline) is written as its byte token. */
const byteToken = (piece: string) =>
  `<0x${(piece.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(2, '0')}>`;

export interface TestModel {
  bytes: Uint8Array;
  tokens: string[];
  /** Token ids of the script's pieces, block by block, to check the tokenizer round trip. */
  pieceIds: { prose: number[]; code: number[]; closing: number[] };
  nEmbd: number;
}

/** The script a model on the real LLaMA vocabulary writes: one real token a piece, each block's first one after a space. */
export const LLAMA_VOCAB_SCRIPT: TestScript = {
  prose: [' To', ' multiply', ' six', ' by', ' seven', ',', ' we', ' use', ' Python', ':'],
  code: [' x', ' =', ' ', '6', '*', '7', '\n', 'print', '(', 'x', ')'],
  closing: [' The', ' product', ' is', ' \\', 'box', 'ed', '{', '4', '2', '}.'],
};

export type TestVocabularyKind = 'pieces' | 'llama';

export interface TestModelOptions {
  script?: TestScript;
  /** `pieces`: a vocabulary of the script's pieces, no space prefix; `llama`: LLaMA-2's, with the space prefix of a real conversion. */
  vocabulary?: TestVocabularyKind;
}

/** A one-layer llama whose greedy decoding writes `script`; how it works is in public/models/README.md ("The test model"). */
export function buildTestModel(options: TestModelOptions = {}): TestModel {
  const kind = options.vocabulary ?? 'pieces';
  const script = options.script ?? (kind === 'llama' ? LLAMA_VOCAB_SCRIPT : DEFAULT_SCRIPT);
  const pieces = [...script.prose, ...script.code, ...script.closing].map(escape);
  if (new Set(pieces).size !== pieces.length) throw new Error('Every script piece must be unique.');
  const { tokens, types, scores } =
    kind === 'llama' ? llamaMathcoderVocabulary() : piecesVocabulary(pieces);
  const ids = new Map(tokens.map((t, i) => [t, i]));
  const id = (text: string) => {
    const found = ids.get(text) ?? ids.get(byteToken(text));
    if (found === undefined) throw new Error(`No token ${text}`);
    return found;
  };
  const pieceIds = {
    prose: script.prose.map((p) => id(escape(p))),
    code: script.code.map((p) => id(escape(p))),
    closing: script.closing.map((p) => id(escape(p))),
  };
  const vocab = { tokens, scores };
  // With the space prefix, llama.cpp reads a block written without its first space as the model wrote it.
  for (const block of ['prose', 'code', 'closing'] as const) {
    const text = escape(script[block].join(''));
    const got = spmTokenize(text, vocab, ids).join(',');
    if (got !== pieceIds[block].join(',')) {
      throw new Error(`The ${block} text does not tokenize back into its pieces: ${got}`);
    }
  }

  const T = Object.fromEntries(MATHCODER_ADDED_TOKENS.map((t) => [t, id(t)])) as Record<
    (typeof MATHCODER_ADDED_TOKENS)[number],
    number
  >;
  const boxed = pieceIds.closing.at(-1)!;
  const stateTokens = [
    T['<|assistant|>'],
    T['<|text|>'],
    T['<|code|>'],
    T['<|endofblock|>'],
    T['<|execution|>'],
    ...pieceIds.prose,
    ...pieceIds.code,
    ...pieceIds.closing,
  ];
  const dim = new Map(stateTokens.map((t, i) => [t, i]));
  const X = stateTokens.length;
  const Y = X + 1;
  const nEmbd = Math.ceil((Y + 1) / HEAD_DIM) * HEAD_DIM;
  const V = tokens.length;
  const d = (t: number) => dim.get(t)!;

  const embd = new Float32Array(V * nEmbd);
  for (const t of stateTokens) embd[t * nEmbd + d(t)] = 1;

  const out = new Float32Array(V * nEmbd);
  const logit = (next: number, fromDim: number, weight: number) => {
    out[next * nEmbd + fromDim] = (out[next * nEmbd + fromDim] ?? 0) + weight;
  };
  const chain = (from: number, seq: readonly number[], last: number) => {
    let cur = from;
    for (const t of [...seq, last]) {
      logit(t, d(cur), M);
      cur = t;
    }
  };
  const eob = T['<|endofblock|>'];
  logit(T['<|text|>'], d(T['<|assistant|>']), M);
  // <|text|>: the prose before any execution, the closing text after one.
  logit(pieceIds.prose[0]!, d(T['<|text|>']), 2);
  logit(pieceIds.closing[0]!, d(T['<|text|>']), 1);
  logit(pieceIds.closing[0]!, X, 1);
  chain(pieceIds.prose[0]!, pieceIds.prose.slice(1), eob);
  // <|endofblock|>: code, then the closing text once an execution is in the context, then the end of the turn.
  logit(T['<|code|>'], d(eob), 2);
  logit(T['<|text|>'], d(eob), 1);
  logit(T['<|text|>'], X, 1);
  logit(T['<|endofmessage|>'], Y, 3);
  chain(T['<|code|>'], pieceIds.code, eob);
  chain(pieceIds.closing[0]!, pieceIds.closing.slice(1), eob);

  const sq = (n: number) => new Float32Array(n * n);
  const ones = () => new Float32Array(nEmbd).fill(1);
  const v = sq(nEmbd);
  const o = sq(nEmbd);
  // attn_norm scales a one-hot row by sqrt(nEmbd); this brings each counted token's value back to 1.
  v[0 * nEmbd + d(T['<|execution|>'])] = 1 / Math.sqrt(nEmbd);
  v[1 * nEmbd + d(boxed)] = 1 / Math.sqrt(nEmbd);
  o[X * nEmbd + 0] = C;
  o[Y * nEmbd + 1] = C;

  const tensors: F32Tensor[] = [
    { name: 'token_embd.weight', dims: [nEmbd, V], data: embd },
    { name: 'output_norm.weight', dims: [nEmbd], data: ones() },
    { name: 'output.weight', dims: [nEmbd, V], data: out },
    { name: 'blk.0.attn_norm.weight', dims: [nEmbd], data: ones() },
    { name: 'blk.0.attn_q.weight', dims: [nEmbd, nEmbd], data: sq(nEmbd) },
    { name: 'blk.0.attn_k.weight', dims: [nEmbd, nEmbd], data: sq(nEmbd) },
    { name: 'blk.0.attn_v.weight', dims: [nEmbd, nEmbd], data: v },
    { name: 'blk.0.attn_output.weight', dims: [nEmbd, nEmbd], data: o },
    { name: 'blk.0.ffn_norm.weight', dims: [nEmbd], data: ones() },
    { name: 'blk.0.ffn_gate.weight', dims: [nEmbd, N_FF], data: new Float32Array(nEmbd * N_FF) },
    { name: 'blk.0.ffn_up.weight', dims: [nEmbd, N_FF], data: new Float32Array(nEmbd * N_FF) },
    { name: 'blk.0.ffn_down.weight', dims: [N_FF, nEmbd], data: new Float32Array(nEmbd * N_FF) },
  ];
  const u32 = (value: number): MetadataValue => ({ type: 'u32', value });
  const metadata: Array<[string, MetadataValue]> = [
    ['general.architecture', { type: 'string', value: 'llama' }],
    ['general.name', { type: 'string', value: MODEL_NAMES[kind] }],
    ['general.file_type', u32(0)],
    ['llama.context_length', u32(CONTEXT)],
    ['llama.embedding_length', u32(nEmbd)],
    ['llama.block_count', u32(1)],
    ['llama.feed_forward_length', u32(N_FF)],
    ['llama.rope.dimension_count', u32(HEAD_DIM)],
    ['llama.attention.head_count', u32(nEmbd / HEAD_DIM)],
    ['llama.attention.head_count_kv', u32(nEmbd / HEAD_DIM)],
    ['llama.attention.layer_norm_rms_epsilon', { type: 'f32', value: 1e-5 }],
    ['llama.rope.freq_base', { type: 'f32', value: 10000 }],
    ['tokenizer.ggml.model', { type: 'string', value: 'llama' }],
    ['tokenizer.ggml.tokens', { type: 'strings', value: tokens }],
    ['tokenizer.ggml.scores', { type: 'f32s', value: scores }],
    ['tokenizer.ggml.token_type', { type: 'i32s', value: types }],
    ['tokenizer.ggml.bos_token_id', u32(1)],
    ['tokenizer.ggml.eos_token_id', u32(2)],
    ['tokenizer.ggml.unknown_token_id', u32(0)],
    ['tokenizer.ggml.add_bos_token', { type: 'bool', value: true }],
    ['tokenizer.ggml.add_eos_token', { type: 'bool', value: false }],
    // Real conversions set it: llama.cpp then puts a space before the text after every special token.
    ['tokenizer.ggml.add_space_prefix', { type: 'bool', value: kind === 'llama' }],
  ];
  return { bytes: writeGguf(metadata, tensors), tokens: [...tokens], pieceIds, nEmbd };
}

// Qwen2's vocabulary layout as a conversion of Qwen2.5 writes it: merged byte-level tokens, the chat's special tokens
// from id 151643, then padding up to the embedding's 151936 rows. The full-size stand-in fills the merged part with
// synthetic tokens (the real ones are not installed here); the test model fills it with its script's words.
import { TOKEN_TYPE } from '../../src/engine/gguf/gguf';
import { BYTE_CHARS } from './byte-level-bpe';

/** Qwen2.5's token embedding rows, and the ids of its regular tokens (byte tokens and merges). */
export const QWEN2_VOCAB_SIZE = 151_936;
export const QWEN2_REGULAR_TOKENS = 151_643;

/** Qwen2.5's added tokens from id 151643: CONTROL when they look like `<|…|>` (as the converter types them), else USER_DEFINED. */
export const QWEN2_ADDED_TOKENS = [
  '<|endoftext|>',
  '<|im_start|>',
  '<|im_end|>',
  '<|object_ref_start|>',
  '<|object_ref_end|>',
  '<|box_start|>',
  '<|box_end|>',
  '<|quad_start|>',
  '<|quad_end|>',
  '<|vision_start|>',
  '<|vision_end|>',
  '<|vision_pad|>',
  '<|image_pad|>',
  '<|video_pad|>',
  '<tool_call>',
  '</tool_call>',
  '<|fim_prefix|>',
  '<|fim_middle|>',
  '<|fim_suffix|>',
  '<|fim_pad|>',
  '<|repo_name|>',
  '<|file_sep|>',
] as const;

/** The token type llama.cpp's converter writes for rows past the tokenizer's own (`[PAD…]`). */
const UNUSED = 5;

export interface BpeVocab {
  tokens: string[];
  types: number[];
  merges: string[];
}

/** Appends the added tokens, then `[PADn]` rows up to `size` when the embedding has more rows than tokens. */
export function addQwenSpecials(vocab: BpeVocab, size = vocab.tokens.length + 22): void {
  for (const token of QWEN2_ADDED_TOKENS) {
    vocab.tokens.push(token);
    vocab.types.push(token.startsWith('<|') ? TOKEN_TYPE.control : TOKEN_TYPE.userDefined);
  }
  while (vocab.tokens.length < size) {
    vocab.tokens.push(`[PAD${vocab.tokens.length}]`);
    vocab.types.push(UNUSED);
  }
}

/**
 * Qwen2's 151936 rows: the 256 byte tokens, 151387 synthetic merges (each joins an earlier token and a byte, so
 * every merge's parts are tokens, as llama.cpp expects), the 22 added tokens and the padding.
 */
export function syntheticQwenVocab(): BpeVocab {
  const tokens = [...BYTE_CHARS];
  const merges: string[] = [];
  const known = new Set(tokens);
  // Letters, digits and the space character first, so the synthetic words look like words.
  const parts = [...BYTE_CHARS].sort((a, b) => rankOf(a) - rankOf(b));
  for (let left = 0; tokens.length < QWEN2_REGULAR_TOKENS; left++) {
    for (const right of parts) {
      const token = tokens[left]! + right;
      if (known.has(token)) continue;
      known.add(token);
      tokens.push(token);
      merges.push(`${tokens[left]} ${right}`);
      if (tokens.length === QWEN2_REGULAR_TOKENS) break;
    }
  }
  const vocab = { tokens, types: tokens.map(() => TOKEN_TYPE.normal), merges };
  addQwenSpecials(vocab, QWEN2_VOCAB_SIZE);
  return vocab;
}

function rankOf(ch: string): number {
  if (/[a-z]/.test(ch)) return 0;
  if (ch === 'Ġ') return 1;
  if (/[A-Z0-9]/.test(ch)) return 2;
  return 3;
}

// The default test model's vocabulary: just enough tokens for llama.cpp's tokenizer to rebuild the script's pieces.
import { TOKEN_TYPE } from '../../src/engine/gguf/gguf';
import { MATHCODER_ADDED_TOKENS } from '../../src/engine/formats/mathcoder';
import type { BaseVocabulary } from './llama-vocab';

/** Byte tokens and a vocabulary grown from the script's pieces: every prefix is a token scored by its length. */
export function piecesVocabulary(pieces: readonly string[]): BaseVocabulary {
  const tokens: string[] = ['<unk>', '<s>', '</s>'];
  const types: number[] = [TOKEN_TYPE.unknown, TOKEN_TYPE.control, TOKEN_TYPE.control];
  const scores: number[] = [0, 0, 0];
  for (let b = 0; b < 256; b++) {
    tokens.push(`<0x${b.toString(16).toUpperCase().padStart(2, '0')}>`);
    types.push(TOKEN_TYPE.byte);
    scores.push(0);
  }
  // CONTROL, as a standard conversion of MathCoder types them; the app retypes them on load.
  for (const t of MATHCODER_ADDED_TOKENS) {
    tokens.push(t);
    types.push(TOKEN_TYPE.control);
    scores.push(0);
  }
  const known = new Set(tokens);
  for (const piece of pieces) {
    const chars = Array.from(piece);
    for (let n = 1; n <= chars.length; n++) {
      const prefix = chars.slice(0, n).join('');
      if (known.has(prefix)) continue;
      known.add(prefix);
      tokens.push(prefix);
      types.push(TOKEN_TYPE.normal);
      scores.push(n);
    }
  }
  return { tokens, types, scores };
}

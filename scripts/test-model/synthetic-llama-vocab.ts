// A stand-in for the LLaMA vocabulary (llama-tokenizer-js, which carries the real one, is not installed here): the same
// size and layout, specials then the 256 byte tokens then distinct pieces, so llama.cpp sizes and tokenizes it the same way.
import { TOKEN_TYPE } from '../../src/engine/gguf/gguf';

export const LLAMA_VOCAB_SIZE = 32_000;

export interface Vocab {
  tokens: string[];
  scores: number[];
  types: number[];
}

const LETTERS = 'abcdefghijklmnopqrstuvwxyz';

/** Lowercase words of `length` letters, in order: aa, ab, … */
function* words(length: number): Generator<string> {
  const count = LETTERS.length ** length;
  for (let n = 0; n < count; n++) {
    let word = '';
    for (let rest = n, i = 0; i < length; i++, rest = Math.floor(rest / LETTERS.length)) {
      word = LETTERS[rest % LETTERS.length]! + word;
    }
    yield word;
  }
}

/** 32000 distinct SentencePiece tokens: `<unk>`, `<s>`, `</s>`, `<0x00>`…`<0xFF>`, single characters, then words. */
export function syntheticLlamaVocab(): Vocab {
  const tokens = ['<unk>', '<s>', '</s>'];
  const types: number[] = [TOKEN_TYPE.unknown, TOKEN_TYPE.control, TOKEN_TYPE.control];
  for (let b = 0; b < 256; b++) {
    tokens.push(`<0x${b.toString(16).toUpperCase().padStart(2, '0')}>`);
    types.push(TOKEN_TYPE.byte);
  }
  const pieces: string[] = ['\u2581'];
  for (let c = 0x21; c < 0x7f; c++) pieces.push(String.fromCharCode(c));
  for (const length of [2, 3]) {
    for (const word of words(length)) pieces.push(`\u2581${word}`, word);
  }
  for (const piece of pieces) {
    if (tokens.length === LLAMA_VOCAB_SIZE) break;
    tokens.push(piece);
    types.push(TOKEN_TYPE.normal);
  }
  if (tokens.length !== LLAMA_VOCAB_SIZE) throw new Error('Not enough synthetic pieces.');
  // Earlier pieces score higher, as in a trained vocabulary, where the frequent short merges come first.
  const scores = tokens.map((_, i) => (types[i] === TOKEN_TYPE.normal ? -i : 0));
  return { tokens, scores, types };
}

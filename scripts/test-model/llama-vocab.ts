// LLaMA-2's real 32,000-token vocabulary (from llama-tokenizer-js, MIT) as a GGUF conversion of MathCoder-L holds it.
import llamaTokenizer from 'llama-tokenizer-js';
import { TOKEN_TYPE } from '../../src/engine/gguf/gguf';
import { MATHCODER_ADDED_TOKENS } from '../../src/engine/formats/mathcoder';

export interface BaseVocabulary {
  tokens: readonly string[];
  types: readonly number[];
  scores: readonly number[];
}

const BYTE_TOKEN = /^<0x[0-9A-F]{2}>$/;

/** Scores from the merge ranks: llama.cpp's tokenizer joins the best-scored pair first, as BPE joins the first-ranked merge. */
export function llamaVocabulary(): BaseVocabulary {
  const tokens = llamaTokenizer.vocabById;
  const scores = tokens.map((_, id) => -1e6 - id);
  let rank = 0;
  for (const merged of mergedTokens()) {
    const id = llamaTokenizer.vocabByString.get(merged);
    if (id !== undefined && scores[id]! <= -1e6) scores[id] = -rank;
    rank++;
  }
  const types = tokens.map((t, id) => {
    if (id === 0) return TOKEN_TYPE.unknown;
    if (id <= 2) return TOKEN_TYPE.control;
    return BYTE_TOKEN.test(t) ? TOKEN_TYPE.byte : TOKEN_TYPE.normal;
  });
  return {
    tokens,
    types,
    scores: scores.map((s, id) => (types[id] === TOKEN_TYPE.normal ? s : 0)),
  };
}

/** The token each merge makes, in rank order (the package keys its merges "left right" by rank). */
function mergedTokens(): string[] {
  return [...llamaTokenizer.merges.entries()]
    .sort((a, b) => a[1] - b[1])
    .map(([pair]) => pair.replace(' ', ''));
}

/** LLaMA-2's vocabulary with MathCoder's tokens after it (ids 32000 onwards, typed CONTROL), as MathCoder-L's GGUF has it. */
export function llamaMathcoderVocabulary(): BaseVocabulary {
  const base = llamaVocabulary();
  return {
    tokens: [...base.tokens, ...MATHCODER_ADDED_TOKENS],
    types: [...base.types, ...MATHCODER_ADDED_TOKENS.map(() => TOKEN_TYPE.control)],
    scores: [...base.scores, ...MATHCODER_ADDED_TOKENS.map(() => 0)],
  };
}

// GPT-2's byte-level BPE as llama.cpp reads a `gpt2` vocabulary with the `qwen2` pre-tokenizer: each byte is one
// printable character, text is cut into words by Qwen2's pattern, and each word is merged by rank. Generators use it
// to prove that the text they script tokenizes back into their tokens.

/** The character that stands for each byte: printable Latin-1 bytes for themselves, the rest shifted above 255. */
export const BYTE_CHARS: readonly string[] = (() => {
  const printable = (b: number) =>
    (b >= 0x21 && b <= 0x7e) || (b >= 0xa1 && b <= 0xac) || (b >= 0xae && b <= 0xff);
  let shifted = 0;
  return Array.from({ length: 256 }, (_, b) =>
    String.fromCodePoint(printable(b) ? b : 256 + shifted++),
  );
})();

const encoder = new TextEncoder();

/** A word's bytes written as byte characters (a space is `Ġ`, a newline `Ċ`). */
export const byteLevel = (text: string) =>
  Array.from(encoder.encode(text), (b) => BYTE_CHARS[b]!).join('');

// llama.cpp's LLAMA_VOCAB_PRE_TYPE_QWEN2 pattern; JavaScript has no inline (?i:…), so the contractions list both cases.
const QWEN2_WORDS =
  /'(?:[sS]|[tT]|[rR][eE]|[vV][eE]|[mM]|[lL][lL]|[dD])|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}| ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+/gu;

/** The words Qwen2's pre-tokenizer cuts `text` into, before any merge. */
export const qwen2Words = (text: string): string[] => text.match(QWEN2_WORDS) ?? [];

/** `left right` → rank, from the `tokenizer.ggml.merges` strings. */
export const mergeRanks = (merges: readonly string[]) =>
  new Map(merges.map((merge, rank) => [merge, rank]));

/** One word's tokens: the adjacent pair with the lowest rank is merged until none is left, as llama.cpp does. */
export function bpeWord(word: string, ranks: ReadonlyMap<string, number>): string[] {
  const parts = Array.from(byteLevel(word));
  for (;;) {
    let best = -1;
    let bestRank = Infinity;
    for (let i = 0; i + 1 < parts.length; i++) {
      const rank = ranks.get(`${parts[i]} ${parts[i + 1]}`);
      if (rank !== undefined && rank < bestRank) [best, bestRank] = [i, rank];
    }
    if (best === -1) return parts;
    parts.splice(best, 2, parts[best]! + parts[best + 1]!);
  }
}

/** Tokens of text without special tokens: each word merged on its own. */
export const bpeTokenize = (text: string, ranks: ReadonlyMap<string, number>) =>
  qwen2Words(text).flatMap((word) => bpeWord(word, ranks));

/** The merges that build `word` left to right from its bytes, each new prefix one merge. */
export function prefixMerges(word: string): Array<{ merge: string; token: string }> {
  const chars = Array.from(byteLevel(word));
  const out: Array<{ merge: string; token: string }> = [];
  let prefix = chars[0] ?? '';
  for (const ch of chars.slice(1)) {
    out.push({ merge: `${prefix} ${ch}`, token: prefix + ch });
    prefix += ch;
  }
  return out;
}

// The merge loop of llama.cpp's SentencePiece ("llama") tokenizer, so the generator can prove its script round-trips.

export interface SpmVocab {
  tokens: readonly string[];
  scores: readonly number[];
}

interface Symbol {
  text: string;
  prev: number;
  next: number;
}

/** Token ids for one stretch of raw text between special tokens (spaces already written as ▁). */
export function spmTokenize(text: string, vocab: SpmVocab, ids: Map<string, number>): number[] {
  const chars = Array.from(text);
  const symbols: Symbol[] = chars.map((ch, i) => ({
    text: ch,
    prev: i - 1,
    next: i + 1 < chars.length ? i + 1 : -1,
  }));
  type Bigram = { left: number; right: number; score: number; size: number };
  const queue: Bigram[] = [];
  const tryAdd = (left: number, right: number) => {
    if (left === -1 || right === -1) return;
    const joined = symbols[left]!.text + symbols[right]!.text;
    const id = ids.get(joined);
    if (id === undefined) return;
    queue.push({ left, right, score: vocab.scores[id]!, size: joined.length });
  };
  for (let i = 1; i < symbols.length; i++) tryAdd(i - 1, i);
  while (queue.length > 0) {
    // Highest score first, the leftmost on ties: llama.cpp's comparator.
    let best = 0;
    for (let i = 1; i < queue.length; i++) {
      const a = queue[i]!;
      const b = queue[best]!;
      if (a.score > b.score || (a.score === b.score && a.left < b.left)) best = i;
    }
    const bigram = queue.splice(best, 1)[0]!;
    const left = symbols[bigram.left]!;
    const right = symbols[bigram.right]!;
    if (
      left.text === '' ||
      right.text === '' ||
      left.text.length + right.text.length !== bigram.size
    ) {
      continue;
    }
    left.text += right.text;
    right.text = '';
    left.next = right.next;
    if (right.next !== -1) symbols[right.next]!.prev = bigram.left;
    tryAdd(left.prev, bigram.left);
    tryAdd(bigram.left, left.next);
  }
  const out: number[] = [];
  for (let i = symbols.length > 0 ? 0 : -1; i !== -1; i = symbols[i]!.next) {
    const id = ids.get(symbols[i]!.text);
    if (id !== undefined) {
      out.push(id);
      continue;
    }
    for (const byte of new TextEncoder().encode(symbols[i]!.text)) {
      const hex = byte.toString(16).toUpperCase().padStart(2, '0');
      out.push(ids.get(`<0x${hex}>`)!);
    }
  }
  return out;
}

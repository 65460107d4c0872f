// llama.cpp's SentencePiece tokenizer with `add_space_prefix` reads the text after every special token with a space
// before it, so a model writes `<|text|>` then `▁To`, and llama.cpp's detokenizer streams that as "<|text|> To".
// Written back as streamed, the next prompt would read "  To": other tokens than the model wrote, and a KV cache
// reused only up to there. The reference keeps "<|text|>To" (its blocks hold no leading space), which reads back as
// `▁To`; this puts the streamed text in that form.
import type { GgufValue } from '../../gguf/gguf';

/** Whether llama.cpp puts a space before text after a special token: SentencePiece ("llama") vocabularies, unless the key says no. */
export function addsSpacePrefix(metadata: ReadonlyMap<string, GgufValue>): boolean {
  return (
    metadata.get('tokenizer.ggml.model') === 'llama' &&
    metadata.get('tokenizer.ggml.add_space_prefix') !== false
  );
}

/** Drops the one space llama.cpp's detokenizer writes after each of `specials`, across chunk boundaries. */
export class SpacePrefixUndo {
  private tail: string;
  private afterSpecial: boolean;
  private readonly longest: number;

  /** `before` is the prompt: a generation that starts right after a special token gets the same treatment. */
  constructor(
    private readonly specials: readonly string[],
    before = '',
  ) {
    this.longest = Math.max(0, ...specials.map((s) => s.length));
    this.tail = before.slice(-this.longest);
    this.afterSpecial = this.endsWithSpecial();
  }

  push(chunk: string): string {
    if (this.specials.length === 0) return chunk;
    let out = '';
    for (const ch of chunk) {
      if (this.afterSpecial && ch === ' ') {
        this.afterSpecial = false;
        continue;
      }
      out += ch;
      this.tail = (this.tail + ch).slice(-this.longest);
      this.afterSpecial = this.endsWithSpecial();
    }
    return out;
  }

  private endsWithSpecial(): boolean {
    return this.specials.some((s) => this.tail.endsWith(s));
  }
}

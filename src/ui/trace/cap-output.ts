export const OUTPUT_HEAD_CHARS = 16_000;
export const OUTPUT_TAIL_CHARS = 4_000;

export interface CappedOutput {
  head: string;
  tail: string;
  hiddenChars: number;
}

/** Keeps the start and the end of a long output: a traceback's last line is the one that matters. */
export function capOutput(text: string): CappedOutput {
  if (text.length <= OUTPUT_HEAD_CHARS + OUTPUT_TAIL_CHARS)
    return { head: text, tail: '', hiddenChars: 0 };
  return {
    head: text.slice(0, OUTPUT_HEAD_CHARS),
    tail: text.slice(-OUTPUT_TAIL_CHARS),
    hiddenChars: text.length - OUTPUT_HEAD_CHARS - OUTPUT_TAIL_CHARS,
  };
}

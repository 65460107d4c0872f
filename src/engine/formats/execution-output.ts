/** What the model is fed from one execution, at most (the reference fed 15,000-character outputs back whole). */
export const MAX_EXECUTION_CHARS = 4000;

export interface CappedOutput {
  text: string;
  /** Characters elided from the middle; 0 when the output fit. */
  cutChars: number;
}

const marker = (cut: number) => `\n[... ${cut} characters of output cut ...]\n`;

/** Keeps the head and tail of a long output, where tracebacks and results usually are. */
export function capExecutionOutput(text: string, maxChars = MAX_EXECUTION_CHARS): CappedOutput {
  if (text.length <= maxChars) return { text, cutChars: 0 };
  const keep = Math.max(0, maxChars - marker(text.length).length);
  const head = Math.ceil(keep / 2);
  const tail = keep - head;
  const cutChars = text.length - head - tail;
  return {
    text: text.slice(0, head) + marker(cutChars) + text.slice(text.length - tail),
    cutChars,
  };
}

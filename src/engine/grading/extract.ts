// Final-answer extraction from model text: \boxed{} (several in a row are one answer), a stated "Answer: …", then
// what MathCoder's reference reads: after the last ' is ', then after the last '='.

const BOXED = /\\(?:boxed|fbox)\s*\{/g;

/** Reads from just after an opening brace to its matching close; `\{` and `\}` do not count. */
export function balancedContent(text: string, start: number): string | null {
  let depth = 1;
  for (let i = start; i < text.length; i++) {
    const char = text[i];
    if (char === '\\') {
      i++;
    } else if (char === '{') {
      depth++;
    } else if (char === '}' && --depth === 0) {
      return text.slice(start, i);
    }
  }
  return null;
}

/** The content of the last `\boxed{…}` in `text`, nested braces included; null when there is none or it never closes. */
export function lastBoxed(text: string): string | null {
  let found: string | null = null;
  for (const match of text.matchAll(BOXED)) {
    const content = balancedContent(text, match.index + match[0].length);
    if (content !== null) found = content;
  }
  return found === null ? null : found.trim();
}

/** Between two boxed values of one answer: `\boxed{3}, \boxed{5}` or `\boxed{3} \text{ and } \boxed{5}`. */
const JOINER = /^(?:\s|\$|,|\\[()[\]]|\b(?:and|or)\b|\\text\{\s*(?:and|or)\s*\}|\b[a-z]\s*=)*$/;

/** The last boxed answer; boxes written one after another (`\boxed{3}, \boxed{5}`) are one answer, `3, 5`. */
export function boxedAnswer(text: string): string | null {
  const boxes: Array<{ start: number; end: number; content: string }> = [];
  for (const match of text.matchAll(BOXED)) {
    const start = match.index + match[0].length;
    const content = balancedContent(text, start);
    if (content !== null)
      boxes.push({ start: match.index, end: start + content.length + 1, content });
  }
  const last = boxes.at(-1);
  if (!last) return null;
  const values = [last.content.trim()];
  for (let i = boxes.length - 2; i >= 0; i--) {
    if (!JOINER.test(text.slice(boxes[i]!.end, boxes[i + 1]!.start))) break;
    values.unshift(boxes[i]!.content.trim());
  }
  return values.join(', ');
}

// "Final Answer: The final answer is $42$. I hope it is correct." (Minerva), "The answer is 42.", "**Answer:** 42".
const STATED = /\banswers?\s*(?:is\b|are\b|:|=)\s*/gi;

/** What follows the last "Answer:", "Final Answer: …" or "the answer is", up to the end of its sentence; null without one. */
export function statedAnswer(text: string): string | null {
  let from = -1;
  for (const match of text.matchAll(STATED)) from = match.index + match[0].length;
  if (from === -1) return null;
  let s = text.slice(from).replace(/^[*:\s]+/, '');
  // "The final answer is given by:" and the answer on the lines below.
  s = s.replace(/^[^\n$\\]*:\s*\n\s*/, '');
  // Display math may span lines: `$$ … $$` or `\[ … \]`.
  const display = /^(?:\$\$([\s\S]*?)\$\$|\\\[([\s\S]*?)\\\])/.exec(s);
  if (display) s = display[1] ?? display[2]!;
  else {
    // A sentence ends at a full stop before a space or the end (a decimal point has a digit after it), or a line.
    const end = /\.(?=\s|$)|\n|\*\*/.exec(s);
    if (end) s = s.slice(0, end.index);
  }
  // Inline math pieces joined by words ("$x = 3$ or $x = 5$") read as one answer.
  s = stripDelimiters(s.replace(/\\\$|\$|\\\(|\\\)/g, ''));
  return s === '' ? null : s;
}

/** Drops math delimiters and a closing full stop around an answer. */
export function stripDelimiters(answer: string): string {
  let s = answer.trim();
  for (let before = ''; before !== s;) {
    before = s;
    s = s
      .replace(/^(?:\\\(|\\\[|\$\$?)\s*/, '')
      .replace(/\s*(?:\\\)|\\\]|\$\$?)$/, '')
      .replace(/\s*[.。]$/, '')
      .trim();
  }
  return s;
}

/** The answer a piece of text states: the last `\boxed{}`, a stated answer, else what follows the last ' is ', then the last `=` or `\approx`. */
export function extractFinalAnswer(text: string): string | null {
  const boxed = boxedAnswer(text);
  if (boxed !== null) return stripDelimiters(boxed) || null;
  const stated = statedAnswer(text);
  if (stated !== null) return stated;
  let s = text.trim();
  const is = s.toLowerCase().lastIndexOf(' is ');
  if (is !== -1) s = s.slice(is + 4);
  s = stripDelimiters(s.split('\n')[0] ?? '');
  const relation = Math.max(s.lastIndexOf('='), s.lastIndexOf('\\approx'));
  if (relation !== -1) s = s.slice(s[relation] === '=' ? relation + 1 : relation + 7);
  s = stripDelimiters(s);
  return s === '' ? null : s;
}

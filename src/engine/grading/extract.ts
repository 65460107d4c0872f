// Final-answer extraction from model text, in the order MathCoder's reference looks: \boxed{}, ' is ', then '='.

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

/** The answer a piece of text states: the last `\boxed{}`, else what follows the last ' is ', then the last `=` or `\approx`. */
export function extractFinalAnswer(text: string): string | null {
  const boxed = lastBoxed(text);
  if (boxed !== null) return stripDelimiters(boxed) || null;
  let s = text.trim();
  const is = s.toLowerCase().lastIndexOf(' is ');
  if (is !== -1) s = s.slice(is + 4);
  s = stripDelimiters(s.split('\n')[0] ?? '');
  const relation = Math.max(s.lastIndexOf('='), s.lastIndexOf('\\approx'));
  if (relation !== -1) s = s.slice(s[relation] === '=' ? relation + 1 : relation + 7);
  s = stripDelimiters(s);
  return s === '' ? null : s;
}

// What phones and keyboards type, rewritten as the LaTeX the grader reads: √3, x², −0.5, ±, ×, ÷, π, ≤, ∅.

const SYMBOLS: Record<string, string> = {
  '\u2212': '-', // minus sign
  '\u2013': '-', // en dash, often typed for minus
  '\u00b1': '\\pm ',
  '\u2213': '\\mp ',
  '\u00d7': '\\times ',
  '\u22c5': '\\cdot ',
  '\u00b7': '\\cdot ',
  '\u00f7': '\\div ',
  '\u2044': '/',
  '\u03c0': '\\pi ',
  '\u2264': '\\le ',
  '\u2265': '\\ge ',
  '\u2260': '\\ne ',
  '\u2248': '\\approx ',
  '\u2208': '\\in ',
  '\u222a': '\\cup ',
  '\u2229': '\\cap ',
  '\u2205': '\\emptyset ',
  '\u211d': 'R',
  '\u221e': '\\infty ',
  '\u00bd': '(1/2)',
  '\u2153': '(1/3)',
  '\u2154': '(2/3)',
  '\u00bc': '(1/4)',
  '\u00be': '(3/4)',
  '\u00a0': ' ',
  '\u2009': ' ',
  '\u202f': ' ',
};
const SUPERSCRIPT = '⁰¹²³⁴⁵⁶⁷⁸⁹⁻⁺';
const SUPERSCRIPT_PLAIN = '0123456789-+';

// LaTeX and ASCII spellings of one relation, shortest form last.
const RELATIONS: Array<[RegExp, string]> = [
  [/\\(?:geqslant|geq|ge)(?![a-zA-Z])|>=|=>/g, ' \\ge '],
  [/\\(?:leqslant|leq|le)(?![a-zA-Z])|<=|=</g, ' \\le '],
  [/\\(?:neq|ne)(?![a-zA-Z])|!=|<>|=\/=/g, ' \\ne '],
  [/\\gt(?![a-zA-Z])/g, '>'],
  [/\\lt(?![a-zA-Z])/g, '<'],
  [/\\varnothing(?![a-zA-Z])/g, '\\emptyset '],
];

/** Rewrites Unicode math and ASCII relations (`>=`, `!=`) as LaTeX; everything else is left as typed. */
export function latexNotation(text: string): string {
  let s = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    const up = SUPERSCRIPT.indexOf(c);
    if (up !== -1) {
      let run = '';
      for (; i < text.length && SUPERSCRIPT.includes(text[i]!); i++)
        run += SUPERSCRIPT_PLAIN[SUPERSCRIPT.indexOf(text[i]!)];
      i--;
      s += run.length === 1 ? `^${run}` : `^{${run}}`;
    } else if (c === '√' || c === '∛') {
      const [latex, consumed] = radicand(text, i + 1);
      s += (c === '√' ? '\\sqrt' : '\\sqrt[3]') + latex;
      i += consumed;
    } else {
      s += SYMBOLS[c] ?? c;
    }
  }
  for (const [pattern, latex] of RELATIONS) s = s.replace(pattern, latex);
  return s.replace(/\\cfrac/g, '\\frac');
}

/** What a root sign covers, braced (`√3` → `{3}`, `√(x+1)` → `{(x+1)}`), and how many characters it took. */
function radicand(text: string, start: number): [string, number] {
  if (text[start] === '(' || text[start] === '{') {
    const close = text[start] === '(' ? ')' : '}';
    let depth = 0;
    for (let i = start; i < text.length; i++) {
      if (text[i] === text[start]) depth++;
      else if (text[i] === close && --depth === 0) {
        const inner = text.slice(start + 1, i);
        return [`{${close === ')' ? `(${inner})` : inner}}`, i + 1 - start];
      }
    }
  }
  const run = /^(?:\d+(?:\.\d+)?|[a-zA-Z])/.exec(text.slice(start))?.[0] ?? '';
  return [`{${run}}`, run.length];
}

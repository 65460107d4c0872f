// Pure string normalisation of an answer before it is compared: LaTeX noise, units, currency, degrees, phone notation.
import { balancedContent, stripDelimiters } from './extract';
import { evaluateMatrixArithmetic } from './matrix-arithmetic';
import { latexNotation } from './notation';
import { evaluateNumeric } from './numeric';
import { proseAnswer } from './prose';
import { separatorReadings } from './separators';

const SPACING =
  /\\(?:left|right|big|Big|bigg|Bigg)(?![a-zA-Z])|(?<!\\)\\[!,;: ]|\\(?:q?quad|displaystyle)(?![a-zA-Z])/g;
const TEXT_COMMAND =
  /\\(?:text|textnormal|textbf|textit|textrm|textsf|textup|mathrm|mathbf|mbox|operatorname)\s*\{/g;
// Thousands separators written for typesetting: `4,\!096`, `10\,000`, `12{,}345` (a comma group of exactly three digits).
const TYPESET_THOUSANDS = /(?<=\d)(?:,\s*\\!|\\,|\\!|\{,\})\s*(?=\d{3}(?!\d))/g;
const UNIT_WORDS =
  /^([-+]?(?:\d[\d,]*\.?\d*|\.\d+)(?:\s*\/\s*\d+)?)(?:\s+[a-zA-Z]|\s*[a-zA-Z]{2})(?:[a-zA-Z.]*)(?:\s+[a-zA-Z][a-zA-Z.]*)*(?:\^\{?[23]\}?)?$/;
const MATRIX_ENVIRONMENTS =
  /\\begin\{(?:[bBpvV]?matrix|smallmatrix)\}([\s\S]*?)\\end\{(?:[bBpvV]?matrix|smallmatrix)\}/g;
// `\left[ \begin{array}{cc} … \end{array} \right]`, its brackets already spaced out.
const ARRAY = /[[(]?\s*\\begin\{array\}\{[^{}]*\}([\s\S]*?)\\end\{array\}\s*[\])]?/g;
const CURRENCY = /[€£¥₹]|\\(?:euro|pounds|yen)(?![a-zA-Z])|\b(?:USD|EUR|GBP)\b/g;
const SIMPLE_VARIABLE = /^[a-zA-Z](?:_\{?[a-zA-Z0-9]+\}?)?(?:\([a-zA-Z]\))?$/;

export interface Normalized {
  /** The answer as written, cleaned: `1,000` keeps its comma (see `readings`). */
  text: string;
  percent: boolean;
  /** What a number written with separators can mean, most likely first (`1,000` → 1000, 1.000); else empty. */
  readings: string[];
}

/** `x = 5+5+1 = 11` reads as `x = 11`, `2+3 = 5` as `5`: a chain of equalities ends in its value. */
function endOfChain(s: string): string {
  const sides = splitTopLevel(s, '=');
  if (sides.length < 2 || /[<>,]|\\[lgn]e |\\lor|\b(?:or|and)\b/.test(s)) return s;
  const [first] = sides;
  if (sides.length === 2)
    return evaluateNumeric(first!) !== null && evaluateNumeric(sides[1]!) !== null ? sides[1]! : s;
  return SIMPLE_VARIABLE.test(first!.replace(/\s/g, ''))
    ? `${first} = ${sides.at(-1)}`
    : sides.at(-1)!;
}

/**
 * `t = \frac{2}{7} \approx 0.29` reads as `t = \frac{2}{7}`: the exact value is the answer. With nothing exact before
 * it (`t \approx 0.29`), the approximation is the value.
 */
function exactBeforeApproximation(s: string): string {
  const parts = splitTopLevel(s, '\\approx');
  if (parts.length < 2) return s;
  const [first] = parts;
  const sides = splitTopLevel(first!, '=');
  const value = sides.at(-1)!.replace(/\s/g, '');
  if (value !== '' && !SIMPLE_VARIABLE.test(value)) return first!;
  return sides.length > 1 || value === '' ? parts.at(-1)! : `${first} = ${parts.at(-1)}`;
}

/** Replaces every `\text{…}`-like group with its content, or drops it when it follows other content (a unit). */
function unwrapText(s: string): string {
  let out = '';
  let last = 0;
  for (const match of s.matchAll(TEXT_COMMAND)) {
    if (match.index < last) continue;
    const start = match.index + match[0].length;
    const content = balancedContent(s, start);
    if (content === null) break;
    const before = out + s.slice(last, match.index);
    const isUnit =
      /[\d}]\s*$/.test(before) &&
      /^\s*[a-zA-Z]/.test(content) &&
      !/^\s*(?:or|and)\s*$/.test(content);
    out = before + (isUnit ? '' : content);
    last = start + content.length + 1;
    // A unit's power goes with it: 12\text{ cm}^2.
    if (isUnit) last += /^\^\{?[23]\}?/.exec(s.slice(last))?.[0].length ?? 0;
  }
  return out + s.slice(last);
}

/** Normalises one answer for comparison; `percent` says whether a percent sign was dropped. */
export function normalizeAnswer(raw: string): Normalized {
  const written = latexNotation(raw);
  let s = stripDelimiters(proseAnswer(written) ?? written)
    .replace(TYPESET_THOUSANDS, '')
    .replace(/\\\\(?=[a-zA-Z])/g, '\\')
    .replace(/\\[dt]frac/g, '\\frac')
    .replace(/\\frac\s*(\d)\s*(\d)/g, '\\frac{$1}{$2}')
    .replace(/\\frac\s*(\d)\s*\{/g, '\\frac{$1}{')
    .replace(/\\frac\s*(\{[^{}]*\})\s*(\d)/g, '\\frac$1{$2}')
    .replace(/\\sqrt\s*(\d)/g, '\\sqrt{$1}')
    .replace(SPACING, ' ')
    .replace(/\^\s*\{\s*\\circ\s*\}|\^\s*\\circ|°|\\circ/g, '')
    .replace(/\\\$|\$/g, '')
    .replace(/\{,\}/g, ',')
    .replace(/\\(?:mathbb|mathcal)\{([A-Z])\}/g, '$1')
    .replace(/∞/g, '\\infty')
    .replace(ARRAY, '\\begin{pmatrix}$1\\end{pmatrix}')
    .replace(MATRIX_ENVIRONMENTS, '\\begin{pmatrix}$1\\end{pmatrix}')
    .replace(CURRENCY, '');
  s = exactBeforeApproximation(unwrapText(s));
  s = evaluateMatrixArithmetic(s.replace(/\s+/g, ' ').trim()) ?? s;
  // `M = \begin{pmatrix}…\end{pmatrix}`: the named matrix is the answer.
  s = s.replace(/^\s*[a-zA-Z]\s*=\s*(?=\\begin\{pmatrix\}[\s\S]*\\end\{pmatrix\}\s*$)/, '');
  const percent = /\\?%/.test(s);
  s = s.replace(/\\?%/g, '').replace(/\s+/g, ' ').trim();
  s = stripDelimiters(s);
  const unit = UNIT_WORDS.exec(s);
  if (unit && !/\b(?:sqrt|sin|cos|tan|log|ln|pi)\b/.test(s)) s = unit[1]!;
  s = endOfChain(s);
  // A choice label before the answer: "(b) 31" reads as "31".
  s = s.replace(/^\([a-hA-H]\)\s+(?=\S)/, '');
  // A lone choice letter: "(B)" or "B." reads as "B".
  const choice = /^\(?([A-Ea-e])\)?$/.exec(s);
  if (choice) s = choice[1]!.toUpperCase();
  const readings = separatorReadings(s);
  // One reading and no list it could be (`1,234,567`, `1 000`): the plain number stands for it.
  if (readings.length === 1 && !/^[-+]?\d+,\d+$/.test(s)) s = readings[0]!;
  return { text: s, percent, readings };
}

/** Splits at top-level commas (or another separator), outside braces, brackets and parentheses. */
export function splitTopLevel(s: string, separator = ','): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (depth === 0 && s.startsWith(separator, i)) {
      parts.push(s.slice(start, i).trim());
      start = i + separator.length;
      i += separator.length - 1;
    } else if (c === '\\') {
      if (s.startsWith('\\{', i)) depth++;
      else if (s.startsWith('\\}', i)) depth--;
      i++;
    } else if ('([{'.includes(c)) {
      depth++;
    } else if (')]}'.includes(c)) {
      depth--;
    }
  }
  parts.push(s.slice(start).trim());
  return parts;
}

// MathCoder's reference grader (find_math_answer + is_equal), re-expressed so its verdicts can be compared with ours.
import { evaluateNumeric } from './numeric';
import type { SymbolicChecker } from './symbolic';

// The reference's unit list, in its order; a missing comma there fused 'kb/h' and 'slices'.
const UNITS = [
  'cookies',
  'screws',
  'square',
  'degree',
  'pints',
  'mb/h',
  'mb/s',
  'kb/hslices',
  'oranges',
  'persecond',
  'ies/hour',
  'eephants/hour',
  'liters',
  'sq.ft.',
  'inches',
  'hours',
  'feet',
  'minutes',
  'seconds',
  'cents',
  'mph',
  'meters',
  'yearsod',
  'rams',
  'centimeters',
  'kiorams',
  'years',
  'weeks',
  'miesperhour',
  'miles',
  'units',
  'km',
  'mm',
  'ms',
  'am',
  'mbperhour',
  'mg',
  'kg',
  'cm',
  '€',
  'ml',
  'pm',
  'gb',
];
const LETTER_UNITS = ['m', 'p', 'g', 'l', 's', 'ft'];

const replaceAll = (s: string, from: string, to = '') => s.split(from).join(to);
const lastPart = (s: string, separator: string) => s.split(separator).at(-1) ?? '';

function stripUnits(input: string): string {
  let s = input;
  for (const unit of UNITS) {
    s = replaceAll(replaceAll(replaceAll(s, `${unit}^3`), `${unit}^2`), unit);
    s = replaceAll(replaceAll(replaceAll(s, '{}^3'), '{}^2'), '{}');
  }
  for (const unit of LETTER_UNITS) {
    s = replaceAll(replaceAll(replaceAll(s, `{${unit}}^3`), `{${unit}}^2`), `{${unit}}`);
  }
  return replaceAll(replaceAll(s, 'ft^3'), 'ft^2');
}

/** `\sqrt3` → `\sqrt{3}`. */
function fixSqrt(s: string): string {
  const [head, ...rest] = s.split('\\sqrt');
  return (
    head +
    rest
      .map((part) =>
        part !== '' && part[0] !== '{' ? `\\sqrt{${part[0]}}${part.slice(1)}` : `\\sqrt${part}`,
      )
      .join('')
  );
}

/** `\frac12` → `\frac{1}{2}`; like the reference, gives up (returns the input) on a too-short tail. */
function fixFracs(s: string): string {
  const [head, ...rest] = s.split('\\frac');
  let out = head ?? '';
  for (const part of rest) {
    out += '\\frac';
    if (part[0] === '{') {
      out += part;
      continue;
    }
    if (part.length < 2) return s;
    const a = part[0]!;
    const b = part[1]!;
    out += b !== '{' ? `{${a}}{${b}}${part.slice(2)}` : `{${a}}${b}${part.slice(2)}`;
  }
  return out;
}

function fixSlash(s: string): string {
  const parts = s.split('/');
  if (parts.length !== 2) return s;
  const [a, b] = parts as [string, string];
  const isInt = (t: string) => /^\s*[-+]?\d+\s*$/.test(t);
  if (!isInt(a) || !isInt(b) || s !== `${parseInt(a, 10)}/${parseInt(b, 10)}`) return s;
  return `\\frac{${parseInt(a, 10)}}{${parseInt(b, 10)}}`;
}

function stripString(input: string): string {
  let s = replaceAll(replaceAll(input, '\n'), '\\!');
  s = replaceAll(s, '\\\\', '\\');
  s = replaceAll(replaceAll(s, 'tfrac', 'frac'), 'dfrac', 'frac');
  s = replaceAll(replaceAll(s, '\\left'), '\\right');
  s = replaceAll(replaceAll(s, '^{\\circ}'), '^\\circ');
  s = replaceAll(replaceAll(s, '\\$'), '$');
  s = s.split('\\text{ ')[0] ?? '';
  s = replaceAll(s, '\\%');
  s = replaceAll(replaceAll(s, ' .', ' 0.'), '{.', '{0.');
  if (s === '') return s;
  if (s[0] === '.') s = `0${s}`;
  if (s.split('=').length === 2) s = lastPart(s, '=');
  if (s.split('\\approx').length === 2) s = lastPart(s, '\\approx');
  if (s.includes('sqrt')) s = fixSqrt(s);
  s = replaceAll(s, ' ');
  if (s.includes('sqrt')) s = fixFracs(s);
  if (s === '0.5') s = '\\frac{1}{2}';
  return fixSlash(s);
}

/** The reference's find_math_answer: lower-case, after the last ' is ', the greedy `oxed{…}`, after `=`, noise and units stripped. */
export function referenceFindMathAnswer(text: string): string {
  let s = lastPart(text.toLowerCase(), ' is ');
  s = replaceAll(s, '{}');
  const open = s.indexOf('oxed{');
  const close = s.lastIndexOf('}');
  let ans = open !== -1 && close > open + 4 ? s.slice(open + 5, close) : s;
  const firstClose = ans.indexOf('}');
  const firstOpen = ans.indexOf('{');
  if (firstClose !== -1 && (firstOpen === -1 || firstClose < firstOpen)) ans = ans.split('}')[0]!;
  ans = lastPart(lastPart(ans, '='), '\\approx');
  ans = replaceAll(ans, 'answer:');
  ans = replaceAll(ans, '∞', '\\infty');
  ans = replaceAll(replaceAll(replaceAll(ans, '+\\infty', '\\infty'), '\\\\', '\\'), '\n');
  ans = replaceAll(replaceAll(replaceAll(ans, '\\text'), '\\mbox'), 'bmatrix', 'pmatrix');
  ans = lastPart(lastPart((ans.split('\\)')[0] ?? '').split('\\]')[0] ?? '', '\\('), '\\[');
  ans = replaceAll(ans, '..</s>');
  return stripUnits(stripString(ans));
}

/** Python's str() of a number after the reference's eval: integers bare, other values as floats. */
function pythonNumber(value: number, exactInteger: boolean): string {
  if (exactInteger) return String(value);
  return Number.isInteger(value) ? `${value}.0` : String(value);
}

/** The reference's eval_tuple: the items of `(a,b,…)` or `[a,b,…]` evaluated one by one, else the text unchanged. */
function evalTuple(s: string): string {
  const open = s[0];
  const close = s.at(-1);
  const items = s.slice(1, -1).split(',');
  const bracketed = (open === '(' && close === ')') || (open === '[' && close === ']');
  if (!bracketed || items.length < 2) return s;
  const out: string[] = [];
  for (const item of items) {
    if (item.includes('infty') || item === 'a' || item === '-a') {
      out.push(item);
      continue;
    }
    const value = evaluateNumeric(item);
    if (value === null) return s;
    out.push(pythonNumber(value, /^[-+]?\d+$/.test(item)));
  }
  return `${open}${out.join(',')}${close}`;
}

/** The reference's is_equal on two extracted answers: same text, same tuple, or a numeric difference under 0.01. */
export async function referenceIsEqual(
  gold: string,
  pred: string,
  checker?: SymbolicChecker,
): Promise<boolean> {
  let a = gold.toLowerCase().replace(/ /g, '');
  let b = pred.toLowerCase().replace(/ /g, '');
  if (a === '' || b === '') return false;
  if (a === b) return true;
  a = evalTuple(a);
  b = evalTuple(b);
  if (a === b) return true;
  // Its LaTeX grammar reads 1,234 as one number but no other comma list.
  const thousands = /^-?\d{1,3}(,\d{3})+(\.\d+)?$/;
  if (thousands.test(a)) a = a.replace(/,/g, '');
  if (thousands.test(b)) b = b.replace(/,/g, '');
  if (a.includes(',') || b.includes(',')) return false;
  const na = evaluateNumeric(a);
  const nb = evaluateNumeric(b);
  if (na !== null && nb !== null) return Math.abs(na - nb) < 1e-2;
  if (!checker) return false;
  return (await checker.equal(b, a, 'reference')) === true;
}

/** The reference's verdict on a completion (the last text block) against the dataset's answer. */
export async function referenceVerdict(
  completion: string,
  goldAnswer: string,
  options: { checker?: SymbolicChecker; dropLetters?: boolean } = {},
): Promise<{ verdict: boolean; pred: string; gold: string }> {
  const gold = referenceFindMathAnswer(goldAnswer);
  let pred = referenceFindMathAnswer(completion);
  if (options.dropLetters) pred = pred.replace(/[a-zA-Z]/g, '');
  return { verdict: await referenceIsEqual(gold, pred, options.checker), pred, gold };
}

// Answer equivalence: TypeScript fast paths (numbers, structure, sets of reals) and a symbolic checker for the rest.
import { normalizeAnswer, splitTopLevel, type Normalized } from './normalize';
import { closeEnough, evaluateNumeric } from './numeric';
import {
  mayBeRealSet,
  realSetFromSpans,
  realSetOf,
  realSetsEqual,
  witness,
  type RealSet,
} from './real-sets';
import type { SymbolicChecker } from './symbolic';

export { RELATIVE_TOLERANCE } from './numeric';

/** Why two answers differ, when the grader can tell; the check-answer messages are written from it. */
export type Difference =
  /** A number one set of reals holds and the other does not: `x > 5` against `x \ge 5` differ at 5. */
  { kind: 'boundary'; value: string; inYours: boolean };

export type Comparison =
  | { verdict: 'equal' }
  | { verdict: 'not-equal'; difference?: Difference }
  /** `written` can mean several numbers (`1,000`: one thousand, or 1.000) and only another one than the likeliest matches. */
  | { verdict: 'ambiguous'; written: string; meanings: string[] };

export interface GradeOptions {
  /** Compares formulas the fast paths cannot (SymPy in the sandbox); without one they count as different. */
  checker?: SymbolicChecker;
}

type Shape =
  | { kind: 'matrix'; rows: string[][] }
  | { kind: 'set'; items: string[] }
  | { kind: 'interval'; open: string; close: string; items: string[] }
  | { kind: 'list'; items: string[] }
  | { kind: 'leaf'; text: string };

const MATRIX = /^\\begin\{pmatrix\}([\s\S]*)\\end\{pmatrix\}$/;
const PYTHON_MATRIX = /^Matrix\((\[[\s\S]*\])\)$/;

/** `[[1, 2], [3, 4]]`: rows of equal length, each bracketed. */
function nestedRows(s: string): string[][] | null {
  if (!s.startsWith('[') || !s.endsWith(']') || !enclosesAll(s, 1)) return null;
  const rows = splitTopLevel(s.slice(1, -1)).map((row) =>
    /^[[(][\s\S]*[\])]$/.test(row) && enclosesAll(row, 1) ? splitTopLevel(row.slice(1, -1)) : null,
  );
  if (rows.some((row) => row === null) || new Set(rows.map((row) => row!.length)).size !== 1)
    return null;
  return rows as string[][];
}

function shapeOf(text: string): Shape {
  const s = PYTHON_MATRIX.exec(text)?.[1] ?? text;
  const matrix = MATRIX.exec(s);
  if (matrix) {
    const rows = splitTopLevel(matrix[1]!.trim(), '\\\\').filter((row) => row !== '');
    return { kind: 'matrix', rows: rows.map((row) => splitTopLevel(row, '&')) };
  }
  const nested = nestedRows(s);
  if (nested) return { kind: 'matrix', rows: nested };
  if (s.startsWith('\\{') && s.endsWith('\\}') && enclosesAll(s, 2)) {
    return { kind: 'set', items: splitTopLevel(s.slice(2, -2)) };
  }
  const open = s[0];
  const close = s.at(-1);
  if ((open === '(' || open === '[') && (close === ')' || close === ']') && enclosesAll(s, 1)) {
    const items = splitTopLevel(s.slice(1, -1));
    if (items.length === 2) return { kind: 'interval', open, close: close!, items };
    if (items.length > 1 || open === '[') return { kind: 'list', items };
  }
  const items = splitTopLevel(s);
  return items.length > 1 ? { kind: 'list', items } : { kind: 'leaf', text: s };
}

/** Whether the opening delimiter of width `width` closes only at the very end. */
function enclosesAll(s: string, width: number): boolean {
  let depth = 0;
  for (let i = 0; i < s.length - width; i++) {
    const c = s[i]!;
    if (c === '\\' && (s[i + 1] === '{' || s[i + 1] === '}')) {
      depth += s[i + 1] === '{' ? 1 : -1;
      i++;
    } else if (c !== '\\' && '([{'.includes(c)) depth++;
    else if (c !== '\\' && ')]}'.includes(c)) depth--;
    if (depth === 0 && i >= width - 1) return false;
  }
  return true;
}

/** `3\frac{1}{2}` or `3 1/2`: a mixed number, when the text is one. */
function mixedNumber(s: string): number | null {
  const m = /^(-?)(\d+)\s*(?:\\frac\{(\d+)\}\{(\d+)\}|\s(\d+)\/(\d+))$/.exec(s);
  if (!m) return null;
  const num = Number(m[3] ?? m[5]);
  const den = Number(m[4] ?? m[6]);
  if (!(num < den)) return null;
  const value = Number(m[2]) + num / den;
  return m[1] ? -value : value;
}

const numberOf = (s: string) => mixedNumber(s) ?? evaluateNumeric(s);

const SIMPLE_VARIABLE = /^[a-zA-Z](?:_\{?[a-zA-Z0-9]+\}?)?(?:\([a-zA-Z]\))?$/;

/** `x = 3` → [`x`, `3`]; null for anything but one equation with a plain variable on the left. */
function assignment(s: string): [string, string] | null {
  const sides = splitTopLevel(s, '=');
  if (sides.length !== 2) return null;
  const name = sides[0]!.replace(/\s/g, '');
  return SIMPLE_VARIABLE.test(name) ? [name, sides[1]!] : null;
}

const isEquation = (s: string) => splitTopLevel(s, '=').length === 2;

async function leavesEqual(a: string, b: string, options: GradeOptions): Promise<boolean> {
  if (a.replace(/\s/g, '') === b.replace(/\s/g, '')) return true;
  const na = numberOf(a);
  const nb = numberOf(b);
  if (na !== null && nb !== null) return closeEnough(na, nb);
  const va = assignment(a);
  const vb = assignment(b);
  // `x = 3` against `3` compares values; against `2x - 6 = 0` it stays an equation for SymPy.
  if (va && vb && va[0] === vb[0]) return leavesEqual(va[1], vb[1], options);
  if (va && !vb && !isEquation(b)) return leavesEqual(va[1], b, options);
  if (vb && !va && !isEquation(a)) return leavesEqual(a, vb[1], options);
  if (!options.checker) return false;
  return (await options.checker.equal(a, b, 'relative')) === true;
}

async function allEqual(a: string[], b: string[], options: GradeOptions): Promise<boolean> {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    if (!(await shapesEqual(a[i]!, b[i]!, options))) return false;
  }
  return true;
}

/** Each item of `a` matched to a different item of `b`. */
async function sameMembers(a: string[], b: string[], options: GradeOptions): Promise<boolean> {
  if (a.length !== b.length) return false;
  const unused = [...b];
  for (const item of a) {
    let found = -1;
    for (let j = 0; j < unused.length && found === -1; j++) {
      if (await shapesEqual(item, unused[j]!, options)) found = j;
    }
    if (found === -1) return false;
    unused.splice(found, 1);
  }
  return true;
}

async function shapesEqual(a: string, b: string, options: GradeOptions): Promise<boolean> {
  const sa = shapeOf(a);
  const sb = shapeOf(b);
  if (sa.kind === 'matrix' || sb.kind === 'matrix') {
    // A one-row or one-column matrix is a vector: it equals the tuple of its entries.
    const vector = (shape: Shape) =>
      shape.kind === 'matrix' &&
      (shape.rows.length === 1 || shape.rows.every((r) => r.length === 1))
        ? shape.rows.flat()
        : null;
    const other = sa.kind === 'matrix' ? sb : sa;
    if (other.kind === 'list' || other.kind === 'interval') {
      const entries = vector(sa.kind === 'matrix' ? sa : sb);
      return entries !== null && allEqual(entries, other.items, options);
    }
    if (sa.kind !== 'matrix' || sb.kind !== 'matrix' || sa.rows.length !== sb.rows.length)
      return false;
    for (let i = 0; i < sa.rows.length; i++) {
      if (!(await allEqual(sa.rows[i]!, sb.rows[i]!, options))) return false;
    }
    return true;
  }
  if (sa.kind === 'set' || sb.kind === 'set') {
    const ia = sa.kind === 'leaf' ? [sa.text] : sa.items;
    const ib = sb.kind === 'leaf' ? [sb.text] : sb.items;
    return sameMembers(ia, ib, options);
  }
  if (sa.kind === 'interval' && sb.kind === 'interval') {
    return sa.open === sb.open && sa.close === sb.close && allEqual(sa.items, sb.items, options);
  }
  if (sa.kind !== 'leaf' && sb.kind !== 'leaf') {
    // A tuple written with or without brackets; hendrycks' tests keep order significant.
    return allEqual(sa.items, sb.items, options);
  }
  if (sa.kind !== 'leaf' || sb.kind !== 'leaf') {
    const list = sa.kind === 'leaf' ? sb : sa;
    const leaf = sa.kind === 'leaf' ? sa.text : sb.kind === 'leaf' ? sb.text : '';
    // `x = 1, y = 2` against `(1, 2)` is handled item by item; one value never equals a list.
    if (list.kind === 'list' && list.items.length === 1)
      return shapesEqual(list.items[0]!, leaf, options);
    return false;
  }
  return leavesEqual(sa.text, sb.text, options);
}

const OR = [' or ', '\\lor', ' OR '];
const INEQUALITY = /[<>]|\\[lgn]e /;

/** Both signs of `\pm` (and `\mp`, against it): `1 \pm \sqrt{2}` → `1 + \sqrt{2}`, `1 - \sqrt{2}`. */
function bothSigns(s: string): string[] {
  if (!/\\(?:pm|mp)(?![a-zA-Z])/.test(s)) return [s];
  const sign = (pm: string, mp: string) =>
    s.replace(/\\pm(?![a-zA-Z])\s*/g, pm).replace(/\\mp(?![a-zA-Z])\s*/g, mp);
  return [sign('+', '-'), sign('-', '+')];
}

/** "x = 3 or x = 5" and `x = \pm 2` as the set of their values; other answers unchanged. */
function solutionsOf(s: string): string {
  if (INEQUALITY.test(s)) return s;
  const parts = OR.reduce((all, sep) => all.flatMap((p) => splitTopLevel(p, sep)), [s]);
  const values = parts.flatMap((part) => bothSigns(assignment(part)?.[1] ?? part));
  if (values.length < 2) return s;
  return `\\{${values.join(', ')}\\}`;
}

export async function solvedRelation(text: string, options: GradeOptions): Promise<RealSet | null> {
  if (!INEQUALITY.test(text) || !options.checker?.realSet) return null;
  const spans = await options.checker.realSet(text);
  return spans && realSetFromSpans(spans);
}

const formatted = (x: number) =>
  Number.isInteger(x) ? String(x) : String(Number(x.toPrecision(6)));

/** Two normalised texts: as sets of reals when either is written as one, else by shape and value. */
async function compareTexts(a: string, b: string, options: GradeOptions): Promise<Comparison> {
  const maybe = mayBeRealSet(a) || mayBeRealSet(b);
  let ra = maybe ? realSetOf(a) : null;
  let rb = maybe ? realSetOf(b) : null;
  // A relation the fast path cannot solve (`x^2 > 4`): SymPy solves it.
  if (maybe && ra === null) ra = await solvedRelation(a, options);
  if (maybe && rb === null && ra !== null) rb = await solvedRelation(b, options);
  if (ra && rb && (ra.setish || rb.setish)) {
    if (realSetsEqual(ra, rb)) return { verdict: 'equal' };
    const point = witness(ra, rb);
    const spans = [...ra.spans, ...rb.spans].some((span) => span.lo !== span.hi);
    return point && spans
      ? {
          verdict: 'not-equal',
          difference: { kind: 'boundary', value: formatted(point.value), inYours: point.inMine },
        }
      : { verdict: 'not-equal' };
  }
  const equal = await shapesEqual(solutionsOf(a), solutionsOf(b), options);
  return { verdict: equal ? 'equal' : 'not-equal' };
}

/**
 * Whether one reading of a number with separators is the other answer. A reading with decimals must also be that
 * answer rounded where it stops: `4700,4100` is a list, not 4700.41 within the relative tolerance of 4700.
 */
async function readingMatches(reading: string, theirs: string, options: GradeOptions) {
  if ((await compareTexts(reading, theirs, options)).verdict !== 'equal') return false;
  const decimals = /\.(\d+)$/.exec(reading)?.[1]!.length;
  const value = decimals ? numberOf(theirs) : null;
  return value === null || Math.abs(Number(reading) - value) <= 0.5 * 10 ** -decimals! + 1e-12;
}

/** A number written with separators (`1,000`, `0,5`, `1 000 000`): its likeliest reading, then the others. */
async function compareReadings(
  x: Normalized,
  y: Normalized,
  options: GradeOptions,
): Promise<Comparison | null> {
  const [likeliest, ...others] = x.readings;
  if (likeliest === undefined) return null;
  const theirs = y.readings[0] ?? y.text;
  if (await readingMatches(likeliest, theirs, options)) return { verdict: 'equal' };
  for (const other of others) {
    if (await readingMatches(other, theirs, options))
      return { verdict: 'ambiguous', written: x.text, meanings: x.readings };
  }
  return null;
}

/** How many values an answer lists: 1 for a value, the items of a tuple, set or list ("x = 3 or x = 5" has 2). */
export function valueCount(text: string): number {
  const shape = shapeOf(solutionsOf(text));
  return shape.kind === 'leaf'
    ? 1
    : shape.kind === 'matrix'
      ? shape.rows.flat().length
      : shape.items.length;
}

/** The single values inside an answer (entries of tuples, sets and matrices, right sides of `x = …`), for a readability check. */
export function answerLeaves(text: string): string[] {
  const shape = shapeOf(solutionsOf(text));
  if (shape.kind === 'leaf') return [assignment(shape.text)?.[1] ?? shape.text];
  const items = shape.kind === 'matrix' ? shape.rows.flat() : shape.items;
  return items.flatMap((item) => (item === text ? [item] : answerLeaves(item)));
}

/** The grader's verdict on a predicted answer against the reference answer, with why they differ when it can tell. */
export async function compareAnswers(
  pred: string,
  gold: string,
  options: GradeOptions = {},
): Promise<Comparison> {
  const a = normalizeAnswer(pred);
  const b = normalizeAnswer(gold);
  if (a.text === '' || b.text === '') return { verdict: 'not-equal' };
  const asWritten = await compareTexts(a.text, b.text, options);
  if (asWritten.verdict === 'equal') return asWritten;
  const read = (await compareReadings(a, b, options)) ?? (await compareReadings(b, a, options));
  if (read) return read;
  if (a.percent || b.percent) {
    // "25%" against "0.25": a percent sign on either side lets the value match as a fraction too.
    const na = numberOf(a.text);
    const nb = numberOf(b.text);
    if (na !== null && nb !== null) {
      const equal = a.percent && !b.percent ? closeEnough(na / 100, nb) : closeEnough(na, nb / 100);
      if (equal) return { verdict: 'equal' };
    }
  }
  return asWritten;
}

/** Whether a predicted answer means the same as the reference answer (both as written, LaTeX or plain). */
export async function answersEqual(
  pred: string,
  gold: string,
  options: GradeOptions = {},
): Promise<boolean> {
  return (await compareAnswers(pred, gold, options)).verdict === 'equal';
}

// Answer equivalence: TypeScript fast paths (numbers, structure) and a symbolic checker for the rest.
import { normalizeAnswer, splitTopLevel } from './normalize';
import { evaluateNumeric } from './numeric';
import type { SymbolicChecker } from './symbolic';

export const RELATIVE_TOLERANCE = 1e-4;

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

function shapeOf(s: string): Shape {
  const matrix = MATRIX.exec(s);
  if (matrix) {
    const rows = splitTopLevel(matrix[1]!.trim(), '\\\\').filter((row) => row !== '');
    return { kind: 'matrix', rows: rows.map((row) => splitTopLevel(row, '&')) };
  }
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

/** Relative tolerance, except that two whole numbers must be equal: 1201587 is not 1201565. */
const closeEnough = (a: number, b: number) =>
  Number.isInteger(a) && Number.isInteger(b)
    ? a === b
    : Math.abs(a - b) <= Math.max(RELATIVE_TOLERANCE * Math.max(Math.abs(a), Math.abs(b)), 1e-12);

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

/** `x = 3` → `3`; other equations stay whole. */
function valueOfAssignment(s: string): string | null {
  const sides = splitTopLevel(s, '=');
  if (sides.length !== 2) return null;
  return SIMPLE_VARIABLE.test(sides[0]!.replace(/\s/g, '')) ? sides[1]! : null;
}

async function leavesEqual(a: string, b: string, options: GradeOptions): Promise<boolean> {
  if (a.replace(/\s/g, '') === b.replace(/\s/g, '')) return true;
  const na = numberOf(a);
  const nb = numberOf(b);
  if (na !== null && nb !== null) return closeEnough(na, nb);
  const va = valueOfAssignment(a);
  const vb = valueOfAssignment(b);
  if ((va === null) !== (vb === null)) return leavesEqual(va ?? a, vb ?? b, options);
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

/** Whether a predicted answer means the same as the reference answer (both as written, LaTeX or plain). */
export async function answersEqual(
  pred: string,
  gold: string,
  options: GradeOptions = {},
): Promise<boolean> {
  const a = normalizeAnswer(pred);
  const b = normalizeAnswer(gold);
  if (a.text === '' || b.text === '') return false;
  if (await shapesEqual(a.text, b.text, options)) return true;
  if (!a.percent && !b.percent) return false;
  // "25%" against "0.25": a percent sign on either side lets the value match as a fraction too.
  const na = numberOf(a.text);
  const nb = numberOf(b.text);
  if (na === null || nb === null) return false;
  return a.percent && !b.percent ? closeEnough(na / 100, nb) : closeEnough(na, nb / 100);
}

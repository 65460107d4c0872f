// Inequalities, intervals and their unions read as sets of real numbers, so `5 \le x` meets `[5, \infty)`.
import { splitTopLevel } from './normalize';
import { closeEnough, evaluateNumeric } from './numeric';

/** One interval of the real line; an endpoint at ±Infinity is never included. */
export interface Span {
  lo: number;
  hi: number;
  loIn: boolean;
  hiIn: boolean;
}

export interface RealSet {
  spans: Span[];
  /** The variable it constrains, when the text names one. */
  variable: string | null;
  /** Written with a relation, a union, ∅ or ℝ: a set the student means, not a tuple. */
  setish: boolean;
}

const FULL: Span = { lo: -Infinity, hi: Infinity, loIn: false, hiIn: false };
const RELATION = /\\le |\\ge |\\ne |<|>|=/;
const RELATIONS = ['\\le ', '\\ge ', '\\ne ', '<', '>', '='] as const;
type Relation = (typeof RELATIONS)[number];
const FLIPPED: Record<Relation, Relation> = {
  '\\le ': '\\ge ',
  '\\ge ': '\\le ',
  '\\ne ': '\\ne ',
  '<': '>',
  '>': '<',
  '=': '=',
};
const EMPTY_WORDS =
  /^(?:\\emptyset|\\\{\s*\\\}|\{\s*\}|no (?:real )?(?:solutions?|roots?|values?)|none|there (?:is|are) no (?:real )?solutions?)$/i;
const FULL_WORDS =
  /^(?:R|\\R|all real(?: numbers)?|every real number|any real number|\(-\\infty ?, ?\\infty\))$/i;
const OR = [' or ', '\\lor', '\\cup', '\\vee', ' OR '];
const AND = [' and ', '\\land', '\\cap', '\\wedge', ' AND '];

function normalized(spans: Span[]): Span[] {
  const live = spans
    .filter((s) => s.lo < s.hi || (s.lo === s.hi && s.loIn && s.hiIn))
    .sort((a, b) => a.lo - b.lo || Number(b.loIn) - Number(a.loIn));
  const out: Span[] = [];
  for (const s of live) {
    const last = out.at(-1);
    if (last && (s.lo < last.hi || (s.lo === last.hi && (last.hiIn || s.loIn)))) {
      if (s.hi > last.hi || (s.hi === last.hi && s.hiIn)) {
        last.hi = s.hi;
        last.hiIn = s.hiIn;
      }
    } else out.push({ ...s });
  }
  return out;
}

function intersect(a: Span[], b: Span[]): Span[] {
  const out: Span[] = [];
  for (const x of a)
    for (const y of b) {
      const lo = Math.max(x.lo, y.lo);
      const hi = Math.min(x.hi, y.hi);
      out.push({
        lo,
        hi,
        loIn: (x.lo !== lo || x.loIn) && (y.lo !== lo || y.loIn),
        hiIn: (x.hi !== hi || x.hiIn) && (y.hi !== hi || y.hiIn),
      });
    }
  return normalized(out);
}

const splitAny = (s: string, separators: string[]) =>
  separators
    .filter((sep) => s.includes(sep))
    .reduce((parts, sep) => parts.flatMap((p) => splitTopLevel(p, sep)), [s]);

const endpoint = (s: string): number | null => {
  const t = s.replace(/\s/g, '');
  if (/^\+?\\infty$/.test(t)) return Infinity;
  if (t === '-\\infty') return -Infinity;
  return evaluateNumeric(t);
};

/** `[a, b)` and the like with constant endpoints. */
function interval(s: string): Span | null {
  const open = s[0];
  const close = s.at(-1);
  if ((open !== '(' && open !== '[') || (close !== ')' && close !== ']')) return null;
  const items = splitTopLevel(s.slice(1, -1));
  if (items.length !== 2) return null;
  const lo = endpoint(items[0]!);
  const hi = endpoint(items[1]!);
  if (lo === null || hi === null || !(lo <= hi)) return null;
  return { lo, hi, loIn: open === '[' && lo !== -Infinity, hiIn: close === ']' && hi !== Infinity };
}

/** The one-letter variables a formula uses (LaTeX commands do not count). */
const variablesOf = (s: string) => new Set(s.replace(/\\[a-zA-Z]+/g, ' ').match(/[a-zA-Z]/g) ?? []);

/** `k·v + m` for a side linear in `v`, by evaluation at four points; null when it is not. */
function linear(side: string, v: string | null): { k: number; m: number } | null {
  if (v === null) {
    const m = evaluateNumeric(side);
    return m === null ? null : { k: 0, m };
  }
  const pattern = new RegExp(`(?<![\\\\a-zA-Z])${v}(?![a-zA-Z])`, 'g');
  const at = (x: number) => evaluateNumeric(side.replace(pattern, `(${x})`));
  const [f0, f1, f2, f3] = [0, 1, 2, -1.5].map(at);
  if (f0 == null || f1 == null || f2 == null || f3 == null) return null;
  const k = f1 - f0;
  const fits = (x: number, fx: number) =>
    closeEnough(f0 + k * x, fx) || Math.abs(f0 + k * x - fx) < 1e-9;
  return fits(2, f2) && fits(-1.5, f3) ? { k, m: f0 } : null;
}

/** The solutions of `k·x + m op 0`. */
function solveLinear(k: number, m: number, op: Relation): Span[] {
  if (k === 0) {
    const holds = {
      '\\le ': m <= 0,
      '\\ge ': m >= 0,
      '\\ne ': m !== 0,
      '<': m < 0,
      '>': m > 0,
      '=': m === 0,
    };
    return holds[op] ? [FULL] : [];
  }
  const r = -m / k;
  const rel = k < 0 ? FLIPPED[op] : op;
  const below = { lo: -Infinity, hi: r, loIn: false, hiIn: rel === '\\le ' };
  const above = { lo: r, hi: Infinity, loIn: rel === '\\ge ', hiIn: false };
  if (rel === '<' || rel === '\\le ') return [below];
  if (rel === '>' || rel === '\\ge ') return [above];
  if (rel === '=') return [{ lo: r, hi: r, loIn: true, hiIn: true }];
  return [below, above];
}

/** A chain such as `-2 \le x < 7`: sides and relations alternate, one variable at most. */
function chain(s: string): { spans: Span[]; variable: string | null; setish: boolean } | null {
  const items: string[] = [];
  const ops: Relation[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if ('([{'.includes(c)) depth++;
    else if (')]}'.includes(c)) depth--;
    if (depth !== 0 || !'<>=\\'.includes(c)) continue;
    const op = RELATIONS.find((r) => s.startsWith(r, i));
    if (!op) continue;
    items.push(s.slice(start, i).trim());
    ops.push(op);
    start = i + op.length;
    i = start - 1;
  }
  items.push(s.slice(start).trim());
  if (ops.length === 0 || items.some((item) => item === '')) return null;
  const letters = variablesOf(s);
  if (letters.size > 1) return null;
  const variable = letters.size === 1 ? [...letters][0]! : null;
  const sides = items.map((item) => linear(item, variable));
  if (sides.some((side) => side === null)) return null;
  let spans: Span[] = [FULL];
  for (let i = 0; i < ops.length; i++) {
    const left = sides[i]!;
    const right = sides[i + 1]!;
    spans = intersect(spans, solveLinear(left.k - right.k, left.m - right.m, ops[i]!));
  }
  return { spans, variable, setish: ops.some((op) => op !== '=') };
}

function part(raw: string): { spans: Span[]; variable: string | null; setish: boolean } | null {
  let s = raw.trim();
  let variable: string | null = null;
  const member = /^([a-zA-Z])\s*\\in(?![a-zA-Z])\s*(.+)$/.exec(s);
  if (member) [, variable, s] = member as unknown as [string, string, string];
  const builder = /^\\\{\s*([a-zA-Z])\s*(?:\||\\mid|:)\s*(.+)\\\}$/.exec(s);
  if (builder) return whole(builder[2]!, builder[1]!);
  if (EMPTY_WORDS.test(s)) return { spans: [], variable, setish: true };
  if (FULL_WORDS.test(s)) return { spans: [FULL], variable, setish: true };
  const value = endpoint(s);
  if (value !== null && Number.isFinite(value))
    return { spans: [{ lo: value, hi: value, loIn: true, hiIn: true }], variable, setish: false };
  const span = interval(s);
  if (span) return { spans: normalized([span]), variable, setish: member !== null };
  const points = /^\\\{([\s\S]*)\\\}$/.exec(s);
  if (points) {
    const values = splitTopLevel(points[1]!).map(endpoint);
    if (values.some((v) => v === null || !Number.isFinite(v))) return null;
    const spans = values.map((v) => ({ lo: v!, hi: v!, loIn: true, hiIn: true }));
    return { spans: normalized(spans), variable, setish: false };
  }
  return RELATION.test(s) ? chain(s) : null;
}

function whole(text: string, variable: string | null): RealSet | null {
  let setish = false;
  let union: Span[] = [];
  const alternatives = splitAny(text, OR);
  for (const alternative of alternatives) {
    let both: Span[] = [FULL];
    for (const piece of splitAny(alternative, AND)) {
      const read = part(piece);
      if (!read) return null;
      if (read.variable && variable && read.variable !== variable) return null;
      variable ??= read.variable;
      setish ||= read.setish;
      both = intersect(both, read.spans);
    }
    union = normalized([...union, ...both]);
  }
  return { spans: union, variable, setish: setish || alternatives.length > 1 };
}

// What a set of reals needs somewhere in its text: a relation, a union, a set word; answers without one skip the reader.
const SET_HINT =
  /[<>]|\\(?:le|ge|ne|cup|cap|lor|land|vee|wedge|emptyset|in|mid) |\\(?:cup|cap|lor|land|vee|wedge|emptyset|in|mid)(?![a-zA-Z])|\b(?:or|and|OR|AND|no|none|all|every|any)\b|^\\?R$/;

/** Spans SymPy solved (null ends are infinite), as a set the student wrote with a relation. */
export function realSetFromSpans(
  spans: Array<[number | null, number | null, boolean, boolean]>,
): RealSet {
  const read = spans.map(([lo, hi, loIn, hiIn]) => ({
    lo: lo ?? -Infinity,
    hi: hi ?? Infinity,
    loIn: lo !== null && loIn,
    hiIn: hi !== null && hiIn,
  }));
  return { spans: normalized(read), variable: null, setish: true };
}

/** Whether `text` could be written as a set of reals (see `realSetOf`). */
export const mayBeRealSet = (text: string) => SET_HINT.test(text);

/** The set of reals `text` describes (`x > 5`, `[-2, 7]`, `x < 1 or x > 3`, `\emptyset`), or null. */
export function realSetOf(text: string): RealSet | null {
  return whole(text, null);
}

const sameEnd = (a: number, b: number) =>
  a === b || (Number.isFinite(a) && Number.isFinite(b) && closeEnough(a, b));

const spansEqual = (a: Span, b: Span) =>
  sameEnd(a.lo, b.lo) && sameEnd(a.hi, b.hi) && a.loIn === b.loIn && a.hiIn === b.hiIn;

export function realSetsEqual(a: RealSet, b: RealSet): boolean {
  if (a.variable && b.variable && a.variable !== b.variable) return false;
  return a.spans.length === b.spans.length && a.spans.every((s, i) => spansEqual(s, b.spans[i]!));
}

const contains = (spans: Span[], x: number) =>
  spans.some((s) => (x > s.lo || (x === s.lo && s.loIn)) && (x < s.hi || (x === s.hi && s.hiIn)));

/** A number in one set and not the other, endpoints first: where the student's answer goes wrong. */
export function witness(mine: RealSet, theirs: RealSet): { value: number; inMine: boolean } | null {
  const ends = [...mine.spans, ...theirs.spans]
    .flatMap((s) => [s.lo, s.hi])
    .filter(Number.isFinite)
    .sort((x, y) => x - y);
  const unique = ends.filter((x, i) => i === 0 || x !== ends[i - 1]);
  const between = unique.slice(1).map((x, i) => (x + unique[i]!) / 2);
  const outside = unique.length ? [unique[0]! - 1, unique.at(-1)! + 1] : [0];
  for (const value of [...unique, ...between, ...outside]) {
    const inMine = contains(mine.spans, value);
    if (inMine !== contains(theirs.spans, value)) return { value, inMine };
  }
  return null;
}

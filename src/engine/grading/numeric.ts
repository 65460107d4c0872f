// A small evaluator for constant LaTeX arithmetic: the fast path that keeps Python out of most comparisons.

export const RELATIVE_TOLERANCE = 1e-4;

/** Relative tolerance, except that two whole numbers must be equal: 1201587 is not 1201565. */
export const closeEnough = (a: number, b: number) =>
  Number.isInteger(a) && Number.isInteger(b)
    ? a === b
    : Math.abs(a - b) <= Math.max(RELATIVE_TOLERANCE * Math.max(Math.abs(a), Math.abs(b)), 1e-12);

const TOKEN =
  /\s*(\d+\.?\d*(?:[eE][-+]?\d+)?|\.\d+(?:[eE][-+]?\d+)?|\\[a-zA-Z]+|\*\*|[-+*/^(){}[\]!])/y;
const TIMES = new Set(['*', '\\cdot', '\\times']);
const DIVIDES = new Set(['/', '\\div']);
const CLOSER: Record<string, string> = { '(': ')', '{': '}', '[': ']' };

function tokenize(text: string): string[] | null {
  const tokens: string[] = [];
  TOKEN.lastIndex = 0;
  let end = 0;
  for (let m = TOKEN.exec(text); m; m = TOKEN.exec(text)) {
    tokens.push(m[1] === '**' ? '^' : m[1]!);
    end = TOKEN.lastIndex;
  }
  return text.slice(end).trim() === '' ? tokens : null;
}

class NumericParser {
  pos = 0;
  constructor(private readonly tokens: string[]) {}

  peek(): string | undefined {
    return this.tokens[this.pos];
  }

  take(expected?: string): string {
    const token = this.tokens[this.pos++];
    if (token === undefined || (expected !== undefined && token !== expected)) throw new Error();
    return token;
  }

  expr(): number {
    let value = this.term();
    for (let t = this.peek(); t === '+' || t === '-'; t = this.peek()) {
      this.take();
      value = t === '+' ? value + this.term() : value - this.term();
    }
    return value;
  }

  term(): number {
    let value = this.unary();
    for (;;) {
      const t = this.peek();
      if (t !== undefined && TIMES.has(t)) {
        this.take();
        value *= this.unary();
      } else if (t !== undefined && DIVIDES.has(t)) {
        this.take();
        value /= this.unary();
      } else if (
        t !== undefined &&
        (t in CLOSER || t === '\\frac' || t === '\\sqrt' || t === '\\pi')
      ) {
        value *= this.power();
      } else {
        return value;
      }
    }
  }

  unary(): number {
    const t = this.peek();
    if (t === '-' || t === '+') {
      this.take();
      return t === '-' ? -this.unary() : this.unary();
    }
    return this.power();
  }

  power(): number {
    const base = this.atom();
    if (this.peek() !== '^') return base;
    this.take();
    const t = this.peek();
    const exponent = t === '-' || t === '+' ? this.unary() : this.atom();
    return base ** exponent;
  }

  braced(): number {
    const t = this.peek();
    // \frac12: single digits stand for braced arguments.
    if (t !== undefined && /^\d\d+$/.test(t)) {
      this.tokens[this.pos] = t.slice(1);
      return Number(t[0]);
    }
    return this.atom();
  }

  atom(): number {
    const t = this.take();
    if (/^[\d.]/.test(t)) return Number(t);
    if (t in CLOSER) {
      const value = this.expr();
      this.take(CLOSER[t]);
      return value;
    }
    if (t === '\\pi') return Math.PI;
    if (t === '\\frac') return this.braced() / this.braced();
    if (t === '\\sqrt') {
      if (this.peek() === '[') {
        this.take();
        const index = this.expr();
        this.take(']');
        return this.braced() ** (1 / index);
      }
      return Math.sqrt(this.braced());
    }
    throw new Error();
  }
}

/** The value of a constant formula such as `-\frac{3}{4}`, `2\sqrt{2}` or `1.5*10^{3}`; null when it has variables or is not arithmetic. */
export function evaluateNumeric(text: string): number | null {
  const tokens = tokenize(text.replace(/\\[dt]frac/g, '\\frac'));
  if (!tokens || tokens.length === 0) return null;
  try {
    const parser = new NumericParser(tokens);
    const value = parser.expr();
    return parser.pos === tokens.length && Number.isFinite(value) ? value : null;
  } catch {
    return null;
  }
}

// Turns a LaTeX answer into plain text a student can paste anywhere: \frac{1}{2} → 1/2, \sqrt{2} → √2, \pi → π.

const SYMBOLS: Record<string, string> = {
  pi: 'π',
  infty: '∞',
  cdot: '·',
  times: '×',
  div: '÷',
  pm: '±',
  mp: '∓',
  le: '≤',
  leq: '≤',
  ge: '≥',
  geq: '≥',
  ne: '≠',
  neq: '≠',
  approx: '≈',
  equiv: '≡',
  circ: '°',
  degree: '°',
  to: '→',
  rightarrow: '→',
  in: '∈',
  cup: '∪',
  cap: '∩',
  emptyset: '∅',
  varnothing: '∅',
  ldots: '…',
  dots: '…',
  cdots: '…',
  alpha: 'α',
  beta: 'β',
  gamma: 'γ',
  delta: 'δ',
  epsilon: 'ε',
  varepsilon: 'ε',
  theta: 'θ',
  lambda: 'λ',
  mu: 'μ',
  sigma: 'σ',
  tau: 'τ',
  phi: 'φ',
  varphi: 'φ',
  omega: 'ω',
  Delta: 'Δ',
  Gamma: 'Γ',
  Theta: 'Θ',
  Lambda: 'Λ',
  Sigma: 'Σ',
  Phi: 'Φ',
  Omega: 'Ω',
  '%': '%',
  $: '$',
  '{': '{',
  '}': '}',
  '&': '&',
  '#': '#',
  _: '_',
};
const SPACES = new Set([',', ';', ':', '!', ' ', 'quad', 'qquad']);
const UNWRAP = new Set([
  'boxed',
  'text',
  'textbf',
  'textit',
  'mathrm',
  'mathbf',
  'mathit',
  'operatorname',
  'mbox',
  'displaystyle',
  'mathbb',
]);
const DROP = new Set(['left', 'right', 'big', 'Big', 'bigl', 'bigr', 'displaystyle', 'textstyle']);

const simple = (s: string) => /^[\p{L}\p{N}.]+$/u.test(s) || /^-?\d+(\.\d+)?$/.test(s);
const wrap = (s: string) => (simple(s) ? s : `(${s})`);

class Reader {
  at = 0;
  constructor(readonly src: string) {}

  done(): boolean {
    return this.at >= this.src.length;
  }

  /** One argument: a {group} or a single character or command. */
  argument(): string {
    while (this.src[this.at] === ' ') this.at++;
    if (this.src[this.at] === '{') {
      this.at++;
      const inner = this.until('}');
      this.at++;
      return inner;
    }
    if (this.src[this.at] === '\\') return this.command();
    return this.src[this.at++] ?? '';
  }

  optional(): string | null {
    if (this.src[this.at] !== '[') return null;
    this.at++;
    const inner = this.until(']');
    this.at++;
    return inner;
  }

  until(close: string | null): string {
    let out = '';
    while (!this.done() && this.src[this.at] !== close) out += this.next();
    return out;
  }

  command(): string {
    this.at++; // the backslash
    const name = /^[A-Za-z]+/.exec(this.src.slice(this.at))?.[0] ?? this.src[this.at] ?? '';
    this.at += name.length;
    if (name === 'frac' || name === 'dfrac' || name === 'tfrac') {
      const top = this.argument();
      const bottom = this.argument();
      return `${wrap(top)}/${wrap(bottom)}`;
    }
    if (name === 'sqrt') {
      const index = this.optional();
      const radicand = this.argument();
      return index ? `${wrap(radicand)}^(1/${index})` : `√${wrap(radicand)}`;
    }
    if (UNWRAP.has(name)) return this.src[this.at] === '{' ? this.argument() : '';
    if (DROP.has(name)) return '';
    if (SPACES.has(name)) return name === '!' ? '' : ' ';
    return SYMBOLS[name] ?? name;
  }

  next(): string {
    const c = this.src[this.at]!;
    if (c === '\\') return this.command();
    if (c === '{') {
      this.at++;
      const inner = this.until('}');
      this.at++;
      return inner;
    }
    if (c === '^' || c === '_') {
      this.at++;
      const arg = this.argument();
      if (c === '^' && arg === '°') return '°';
      return `${c}${arg.length > 1 && !/^\d+$/.test(arg) ? `(${arg})` : arg}`;
    }
    this.at++;
    return c;
  }
}

function stripDelimiters(latex: string): string {
  const t = latex.trim();
  const pairs: Array<[string, string]> = [
    ['$$', '$$'],
    ['$', '$'],
    ['\\(', '\\)'],
    ['\\[', '\\]'],
  ];
  for (const [open, close] of pairs) {
    if (t.startsWith(open) && t.endsWith(close) && t.length >= open.length + close.length) {
      return t.slice(open.length, t.length - close.length).trim();
    }
  }
  return t;
}

/** The answer's LaTeX as it would be typed: without $…$ or \(…\) around it. */
export function answerLatex(answer: string): string {
  return stripDelimiters(answer);
}

export function answerPlainText(answer: string): string {
  const latex = stripDelimiters(answer).replace(/\$/g, '');
  return new Reader(latex)
    .until(null)
    .replace(/\s+/g, ' ')
    .replace(/\s+([,)])/g, '$1')
    .trim();
}

// Sums, differences and products of matrices with number entries, evaluated to the one matrix they stand for:
// `\begin{pmatrix}1\\2\end{pmatrix} + 2\begin{pmatrix}0\\1\end{pmatrix}` reads as `\begin{pmatrix}1\\4\end{pmatrix}`.
import { evaluateNumeric } from './numeric';

type Matrix = number[][];
type Value = { matrix: Matrix } | { scalar: number };

const BEGIN = '\\begin{pmatrix}';
const END = '\\end{pmatrix}';

function parseMatrix(body: string): Matrix | null {
  const rows = body
    .split('\\\\')
    .map((row) => row.trim())
    .filter((row) => row !== '');
  const matrix = rows.map((row) => row.split('&').map((entry) => evaluateNumeric(entry.trim())));
  if (matrix.length === 0 || matrix.some((row) => row.some((entry) => entry === null))) return null;
  if (new Set(matrix.map((row) => row.length)).size !== 1) return null;
  return matrix as Matrix;
}

/** Splits the text into matrices, scalars and the operators between them; null for anything else. */
function tokens(s: string): Array<Value | '+' | '-' | '*'> | null {
  const out: Array<Value | '+' | '-' | '*'> = [];
  let i = 0;
  while (i < s.length) {
    const rest = s.slice(i);
    const space = /^\s+/.exec(rest);
    const operator = /^(?:\+|-|\\cdot(?![a-zA-Z])|\\times(?![a-zA-Z])|\*)/.exec(rest);
    const scalar = /^(?:\d+(?:\.\d+)?|\\frac\{[^{}]+\}\{[^{}]+\})/.exec(rest);
    if (space) i += space[0].length;
    else if (rest.startsWith(BEGIN)) {
      const end = s.indexOf(END, i);
      const matrix = end === -1 ? null : parseMatrix(s.slice(i + BEGIN.length, end));
      if (!matrix) return null;
      out.push({ matrix });
      i = end + END.length;
    } else if (operator) {
      out.push(operator[0] === '+' || operator[0] === '-' ? operator[0] : '*');
      i += operator[0].length;
    } else if (scalar) {
      const value = evaluateNumeric(scalar[0]);
      if (value === null) return null;
      out.push({ scalar: value });
      i += scalar[0].length;
    } else return null;
  }
  return out;
}

function product(a: Value, b: Value): Value | null {
  if ('scalar' in a && 'scalar' in b) return { scalar: a.scalar * b.scalar };
  if ('scalar' in a)
    return { matrix: (b as { matrix: Matrix }).matrix.map((r) => r.map((x) => a.scalar * x)) };
  if ('scalar' in b) return product(b, a);
  const [x, y] = [a.matrix, b.matrix];
  if (x[0]!.length !== y.length) return null;
  return {
    matrix: x.map((row) => y[0]!.map((_, j) => row.reduce((sum, v, k) => sum + v * y[k]![j]!, 0))),
  };
}

function sum(a: Value, b: Value, sign: 1 | -1): Value | null {
  if ('scalar' in a || 'scalar' in b) return null;
  const [x, y] = [a.matrix, b.matrix];
  if (x.length !== y.length || x[0]!.length !== y[0]!.length) return null;
  return { matrix: x.map((row, i) => row.map((v, j) => v + sign * y[i]![j]!)) };
}

const written = (x: number) =>
  Number.isInteger(x) ? String(x) : String(Number(x.toPrecision(12)));

/**
 * The matrix an expression of matrices with number entries evaluates to, as a pmatrix; null when `s` is one matrix
 * alone, holds no matrix, or anything else (a symbol, mismatched sizes) the evaluation cannot take.
 */
export function evaluateMatrixArithmetic(s: string): string | null {
  if (!s.includes(BEGIN) || (s.startsWith(BEGIN) && s.indexOf(END) + END.length === s.length))
    return null;
  const list = tokens(s);
  if (!list || list.length === 0) return null;
  // Terms are products (explicit or written side by side), joined by + and -.
  let total: Value | null = null;
  let sign: 1 | -1 = 1;
  let term: Value | null = null;
  const close = () => {
    if (term === null) return false;
    total =
      total === null ? (sign === 1 ? term : product({ scalar: -1 }, term)) : sum(total, term, sign);
    term = null;
    return total !== null;
  };
  let expectOperand = true;
  for (const token of list) {
    if (token === '+' || token === '-') {
      if (term === null && total === null && token === '-') sign = -1;
      else if (!close()) return null;
      else sign = token === '+' ? 1 : -1;
      expectOperand = true;
    } else if (token === '*') {
      if (term === null) return null;
      expectOperand = true;
    } else {
      term = term === null ? token : product(term, token);
      if (term === null) return null;
      expectOperand = false;
    }
  }
  if (expectOperand || !close()) return null;
  const result = total as Value | null;
  if (!result || !('matrix' in result)) return null;
  const rows = result.matrix.map((row) => row.map(written).join(' & ')).join(' \\\\ ');
  return `${BEGIN}${rows}${END}`;
}

import { describe, expect, it } from 'vitest';
import { answersEqual } from './equivalence';
import type { SymbolicChecker } from './symbolic';

const same = async (a: string, b: string) => answersEqual(a, b);

describe('answersEqual without a symbolic checker', () => {
  it.each([
    ['51', '51.0'],
    ['0.33333', '1/3'],
    ['\\dfrac{2}{3}', '0.666667'],
    ['-\\frac{3}{4}', '-0.75'],
    ['3\\frac{1}{2}', '3.5'],
    ['2 1/4', '9/4'],
    ['\\$1,234.50', '1234.5'],
    ['10{,}000', '10000'],
    ['25\\%', '0.25'],
    ['45^\\circ', '45'],
    ['45^{\\circ}', '45'],
    ['12 \\text{ cm}^2', '12'],
    ['7 apples', '7'],
    ['\\boxed{5}', '5'],
    ['$\\frac{1}{2}$', '0.5'],
    ['x = 3', '3'],
    ['y_1 = -2', '-2'],
    ['(1, 2)', '(1,2)'],
    ['(3, -\\frac{1}{2})', '\\left( 3, -0.5 \\right)'],
    ['[2, 5)', '[2,5)'],
    ['\\{1, 2, 3\\}', '\\{3, 1, 2\\}'],
    [
      '\\begin{pmatrix} 1 & 2 \\\\ 3 & 4 \\end{pmatrix}',
      '\\begin{bmatrix}1&2\\\\3&4\\end{bmatrix}',
    ],
    ['2\\sqrt{2}', '\\sqrt{8}'],
    ['\\pi', '3.14159'],
    ['(B)', 'B'],
    ['\\text{Monday}', 'Monday'],
    ['[3]', '3'],
    ['1.5\\times10^{3}', '1500'],
  ])('%s equals %s', async (a, b) => {
    expect(await same(a, b)).toBe(true);
    expect(await same(b, a)).toBe(true);
  });

  it.each([
    ['51', '52'],
    ['0.333', '1/3'],
    ['1,000', '1'],
    ['1201587', '1201565'],
    ['63,21', '63'],
    ['(1, 2]', '(1, 2)'],
    ['(1, 2)', '(2, 1)'],
    ['\\{1, 2\\}', '\\{1, 2, 3\\}'],
    ['\\begin{pmatrix} 1 & 2 \\end{pmatrix}', '\\begin{pmatrix} 2 & 1 \\end{pmatrix}'],
    ['', '0'],
    ['10', '0.1'],
    ['x', 'y'],
    ['-48g', '-48'],
  ])('%s differs from %s', async (a, b) => {
    expect(await same(a, b)).toBe(false);
    expect(await same(b, a)).toBe(false);
  });

  it('accepts a percentage written as a fraction only when a percent sign is there', async () => {
    expect(await same('12.5\\%', '0.125')).toBe(true);
    expect(await same('12.5', '0.125')).toBe(false);
  });
});

describe('answersEqual with a symbolic checker', () => {
  const calls: string[][] = [];
  const checker: SymbolicChecker = {
    async equal(pred, gold, mode) {
      calls.push([pred, gold, mode]);
      return pred === 'x^2+2x+1' && gold === '(x+1)^2';
    },
  };

  it('asks the checker only for what the fast paths cannot decide', async () => {
    expect(await answersEqual('x^2+2x+1', '(x+1)^2', { checker })).toBe(true);
    expect(await answersEqual('0.5', '\\frac12', { checker })).toBe(true);
    expect(calls).toEqual([['x^2+2x+1', '(x+1)^2', 'relative']]);
  });

  it('counts an undecided check as different', async () => {
    const undecided: SymbolicChecker = { equal: async () => null };
    expect(await answersEqual('\\sin x', '\\cos x', { checker: undecided })).toBe(false);
  });
});

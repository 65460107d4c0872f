import { describe, expect, it } from 'vitest';
import { evaluateMatrixArithmetic } from './matrix-arithmetic';

const m = (body: string) => `\\begin{pmatrix}${body}\\end{pmatrix}`;

describe('evaluateMatrixArithmetic', () => {
  it('adds, subtracts and scales matrices', () => {
    expect(evaluateMatrixArithmetic(`${m('1 \\\\ 2')} + ${m('3 \\\\ 4')}`)).toBe(m('4 \\\\ 6'));
    expect(evaluateMatrixArithmetic(`3${m('1 \\\\ -2')} - ${m('2 \\\\ 1')}`)).toBe(m('1 \\\\ -7'));
    expect(evaluateMatrixArithmetic(`-${m('1 & 2')}`)).toBe(m('-1 & -2'));
    expect(evaluateMatrixArithmetic(`\\frac{1}{2}${m('4 & 3')}`)).toBe(m('2 & 1.5'));
  });

  it('multiplies matrices written side by side or with \\cdot, rows by columns', () => {
    expect(evaluateMatrixArithmetic(`${m('1 & 2 \\\\ 3 & 4')}${m('0 & 1 \\\\ 1 & 0')}`)).toBe(
      m('2 & 1 \\\\ 4 & 3'),
    );
    expect(evaluateMatrixArithmetic(`${m('2 & 1')} \\cdot ${m('3 \\\\ 4')}`)).toBe(m('10'));
  });

  it('evaluates nothing it cannot take whole', () => {
    expect(evaluateMatrixArithmetic(m('1 & 2'))).toBeNull();
    expect(evaluateMatrixArithmetic('1 + 2')).toBeNull();
    expect(evaluateMatrixArithmetic(`${m('1 & 2')} + ${m('1 \\\\ 2')}`)).toBeNull();
    expect(evaluateMatrixArithmetic(`${m('1 & 2')}${m('1 & 2')}`)).toBeNull();
    expect(evaluateMatrixArithmetic(`${m('a & 2')} + ${m('1 & 2')}`)).toBeNull();
    expect(evaluateMatrixArithmetic(`${m('1 & 2')} + 3`)).toBeNull();
    expect(evaluateMatrixArithmetic(`${m('1 & 2')} +`)).toBeNull();
  });
});

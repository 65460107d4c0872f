import { describe, expect, it } from 'vitest';
import { extractFinalAnswer } from './extract';
import { normalizeAnswer, splitTopLevel } from './normalize';
import { evaluateNumeric } from './numeric';

describe('extractFinalAnswer', () => {
  it('takes the last boxed answer, nested braces included', () => {
    expect(
      extractFinalAnswer('First \\boxed{1}, then \\( \\boxed{\\frac{1}{\\sqrt{2}}} \\).'),
    ).toBe('\\frac{1}{\\sqrt{2}}');
  });

  it("otherwise takes what follows the last ' is ', then the last = or \\approx", () => {
    expect(extractFinalAnswer('So the answer is 42.')).toBe('42');
    expect(extractFinalAnswer('The total is \\( x = 7 \\).')).toBe('7');
    expect(extractFinalAnswer('Therefore the area is about \\(A \\approx 3.14\\)')).toBe('3.14');
    expect(extractFinalAnswer('18')).toBe('18');
    expect(extractFinalAnswer('   ')).toBeNull();
  });
});

describe('normalizeAnswer', () => {
  it('strips LaTeX noise, units, dollars and degrees', () => {
    expect(normalizeAnswer('\\$ 1,200.50 \\text{ dollars}').text).toBe('1200.50');
    expect(normalizeAnswer('1,000€')).toEqual({
      text: '1,000',
      percent: false,
      readings: ['1000', '1.000'],
    });
    expect(normalizeAnswer('\\left( 1, 2 \\right)').text).toBe('( 1, 2 )');
    expect(normalizeAnswer('90^\\circ').text).toBe('90');
    expect(normalizeAnswer('50\\%')).toEqual({ text: '50', percent: true, readings: [] });
  });

  it('keeps the exact value before an approximation, else the approximation', () => {
    expect(normalizeAnswer('t = \\frac{2}{7} \\approx 0.29').text).toBe('t = \\frac{2}{7}');
    expect(normalizeAnswer('\\sqrt{2} ≈ 1.414').text).toBe('\\sqrt{2}');
    expect(normalizeAnswer('t \\approx 0.29').text).toBe('t = 0.29');
  });

  it('reads typeset thousands separators and drops units in any text command', () => {
    expect(normalizeAnswer('4,\\! 096').text).toBe('4096');
    expect(normalizeAnswer('1,\\!000,\\!000').text).toBe('1000000');
    expect(normalizeAnswer('10\\,000').text).toBe('10000');
    expect(normalizeAnswer('12{,}345').text).toBe('12345');
    expect(normalizeAnswer('1{,}5').text).toBe('1,5');
    expect(normalizeAnswer('\\boxed{40\\textnormal{ km}}').text).toBe('40');
    expect(normalizeAnswer('\\boxed{7 \\mbox{ hours}}').text).toBe('7');
  });

  it('evaluates matrix arithmetic and reads a named matrix as the matrix', () => {
    expect(
      normalizeAnswer('\\begin{bmatrix}1\\\\2\\end{bmatrix} + \\begin{bmatrix}3\\\\4\\end{bmatrix}')
        .text,
    ).toBe('\\begin{pmatrix}4 \\\\ 6\\end{pmatrix}');
    expect(normalizeAnswer('\\mathbf{M} = \\begin{pmatrix}1 & 0\\end{pmatrix}').text).toBe(
      '\\begin{pmatrix}1 & 0\\end{pmatrix}',
    );
  });

  it('keeps commas that are not thousands separators', () => {
    expect(normalizeAnswer('63,21').text).toBe('63,21');
    expect(normalizeAnswer('1,234,567').text).toBe('1234567');
  });
});

describe('splitTopLevel', () => {
  it('splits outside brackets only', () => {
    expect(splitTopLevel('(1, 2), \\{3, 4\\}, \\frac{1}{2}')).toEqual([
      '(1, 2)',
      '\\{3, 4\\}',
      '\\frac{1}{2}',
    ]);
    expect(splitTopLevel('1 & 2 \\\\ 3 & 4', '\\\\')).toEqual(['1 & 2', '3 & 4']);
  });
});

describe('evaluateNumeric', () => {
  it('evaluates constant arithmetic and refuses variables', () => {
    expect(evaluateNumeric('-\\frac{3}{4}')).toBe(-0.75);
    expect(evaluateNumeric('2\\sqrt{9}')).toBe(6);
    expect(evaluateNumeric('\\frac12')).toBe(0.5);
    expect(evaluateNumeric('2^{10}')).toBe(1024);
    expect(evaluateNumeric('(1+2)*3')).toBe(9);
    expect(evaluateNumeric('2x')).toBeNull();
    expect(evaluateNumeric('1,000')).toBeNull();
  });
});

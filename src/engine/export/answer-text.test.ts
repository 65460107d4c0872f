import { describe, expect, it } from 'vitest';
import { answerLatex, answerPlainText } from './answer-text';

describe('answer as plain text', () => {
  it.each([
    ['13', '13'],
    ['\\frac{1}{2}', '1/2'],
    ['\\dfrac{x+1}{2}', '(x+1)/2'],
    ['-\\frac{3}{4}', '-3/4'],
    ['2\\sqrt{3}', '2√3'],
    ['\\sqrt{x^2+1}', '√(x^2+1)'],
    ['\\sqrt[3]{2}', '2^(1/3)'],
    ['x^{2}', 'x^2'],
    ['e^{i\\pi}', 'e^(iπ)'],
    ['\\boxed{42}', '42'],
    ['3\\pi', '3π'],
    ['45^\\circ', '45°'],
    ['\\left(1, \\frac{1}{2}\\right)', '(1, 1/2)'],
    ['\\{1, 2, 3\\}', '{1, 2, 3}'],
    ['[2, \\infty)', '[2, ∞)'],
    ['x \\leq 3', 'x ≤ 3'],
    ['10\\%', '10%'],
    ['\\text{no solution}', 'no solution'],
    ['12\\,\\text{cm}', '12 cm'],
    ['$\\frac{1}{3}$', '1/3'],
    ['\\(2 \\times 3\\)', '2 × 3'],
  ])('%s → %s', (latex, plain) => {
    expect(answerPlainText(latex)).toBe(plain);
  });
});

describe('answer as LaTeX', () => {
  it('drops the math delimiters and keeps the source', () => {
    expect(answerLatex('$\\frac{1}{2}$')).toBe('\\frac{1}{2}');
    expect(answerLatex('\\(x^2\\)')).toBe('x^2');
    expect(answerLatex('\\sqrt{2}')).toBe('\\sqrt{2}');
  });
});

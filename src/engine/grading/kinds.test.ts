// The grader by kind of answer: for each, what must match and what must not (no SymPy needed for any of these).
import { describe, expect, it } from 'vitest';
import { compareAnswers } from './equivalence';

type Case = [string, string];

async function verdictBothWays(a: string, b: string) {
  return [(await compareAnswers(a, b)).verdict, (await compareAnswers(b, a)).verdict];
}

const kinds: Record<string, { equal: Case[]; different: Case[] }> = {
  'relations and inequalities': {
    equal: [
      ['x >= 5', 'x \\geq 5'],
      ['5 \\leq x', 'x \\geq 5'],
      ['-x > -1', 'x < 1'],
      ['x \\neq 3', 'x != 3'],
      ['x ≤ 2', 'x \\le 2'],
      ['2x + 1 < 7', 'x < 3'],
      ['\\frac{x}{2} \\geqslant 1', 'x \\ge 2'],
    ],
    different: [
      ['x > 5', 'x \\geq 5'],
      ['x < 1', 'x > 1'],
      ['x \\neq 3', 'x \\neq 4'],
      ['y > 5', 'x > 5'],
      ['x > 5', '5'],
    ],
  },
  'inequalities against intervals and unions': {
    equal: [
      ['-2 \\le x \\le 7', '[-2, 7]'],
      ['-2 < x \\le 7', '(-2, 7]'],
      ['x \\ge 2', '[2, \\infty)'],
      ['x < 1 \\text{ or } x > 3', '(-\\infty, 1) \\cup (3, \\infty)'],
      ['(3, \\infty) \\cup (-\\infty, 1)', '(-\\infty, 1) \\cup (3, \\infty)'],
      ['x \\in [2, 5)', '2 \\le x < 5'],
      ['\\{x \\mid x > 2\\}', 'x > 2'],
      ['x \\neq 3', '(-\\infty, 3) \\cup (3, \\infty)'],
      ['all real numbers', '(-\\infty, \\infty)'],
      ['[0, 1] \\cup [1, 2]', '[0, 2]'],
    ],
    different: [
      ['-2 < x \\le 7', '[-2, 7]'],
      ['x \\ge 2', '(2, \\infty)'],
      ['x < 1 \\text{ or } x > 3', '(-\\infty, 1) \\cup [3, \\infty)'],
      ['x < 1 \\text{ and } x > 3', '(-\\infty, 1) \\cup (3, \\infty)'],
      ['\\mathbb{R}', '(0, \\infty)'],
    ],
  },
  'several solutions: or, ±, none': {
    equal: [
      ['x = 3 or x = 5', '3, 5'],
      ['x = 5 \\text{ or } x = 3', '\\{3, 5\\}'],
      ['\\pm 2', '2, -2'],
      ['x = \\pm 2', '\\{-2, 2\\}'],
      ['±3', '-3, 3'],
      ['1 \\pm \\sqrt{4}', '\\{3, -1\\}'],
      ['no solution', '\\emptyset'],
      ['∅', 'no real solutions'],
      ['\\varnothing', '\\{\\}'],
    ],
    different: [
      ['x = 3 or x = 6', '3, 5'],
      ['x = 3', '3, 5'],
      ['\\pm 2', '2'],
      ['no solution', '0'],
      ['\\emptyset', '\\{0\\}'],
    ],
  },
  'answers inside prose and math delimiters': {
    equal: [
      ['The answer is 42.', '42'],
      ['Final Answer: The final answer is $42$. I hope it is correct.', '42'],
      ['**Answer:** 7', '7'],
      ['\\( 12 \\)', '12'],
      ['\\[ \\frac{1}{2} \\]', '0.5'],
      ['$12$', '12'],
      ['$$12$$', '12'],
      ['\\boxed{3}, \\boxed{5}', '3, 5'],
      ['\\boxed{3} \\text{ and } \\boxed{5}', '\\{5, 3\\}'],
      ['x = 5+5+1 = 11', '11'],
      ['2 + 3 = 5', '5'],
    ],
    different: [
      ['The answer is 41.', '42'],
      ['\\boxed{3}, \\boxed{5}', '3'],
      ['x = 5+5+1 = 11', '12'],
      ['$$13$$', '12'],
    ],
  },
  'matrices and vectors': {
    equal: [
      ['\\begin{pmatrix} 1 & 2 \\\\ 3 & 4 \\end{pmatrix}', '[[1, 2], [3, 4]]'],
      [
        '\\left[ \\begin{array}{cc} 1 & 2 \\\\ 3 & 4 \\end{array} \\right]',
        '\\begin{bmatrix}1&2\\\\3&4\\end{bmatrix}',
      ],
      ['\\begin{pmatrix} 1 \\\\ \\frac{1}{2} \\end{pmatrix}', '(1, 0.5)'],
      ['Matrix([[1, 0], [0, 1]])', '\\begin{pmatrix} 1 & 0 \\\\ 0 & 1 \\end{pmatrix}'],
    ],
    different: [
      ['[[1, 2], [3, 5]]', '\\begin{pmatrix} 1 & 2 \\\\ 3 & 4 \\end{pmatrix}'],
      ['[[1, 2, 3]]', '\\begin{pmatrix} 1 \\\\ 2 \\end{pmatrix}'],
      ['\\begin{pmatrix} 1 \\\\ 2 \\end{pmatrix}', '(2, 1)'],
      [
        '\\begin{pmatrix} 1 & 2 \\\\ 3 & 4 \\end{pmatrix}',
        '\\begin{pmatrix} 1 & 3 \\\\ 2 & 4 \\end{pmatrix}',
      ],
    ],
  },
  'notation typed on phones and in other countries': {
    equal: [
      ['\\cfrac{1}{2}', '0.5'],
      ['0,5', '0.5'],
      ['1,22', '1.22'],
      ['1 000 000', '1000000'],
      ['1,000.99', '1000.99'],
      ['1.000,99', '1000.99'],
      ['√3', '\\sqrt{3}'],
      ['2√(2)', '\\sqrt{8}'],
      ['x²', 'x^2'],
      ['−0.5', '-0.5'],
      ['2×3', '6'],
      ['6÷3', '2'],
      ['2π', '2\\pi'],
      ['½', '0.5'],
      ['2,3', '[2, 3]'],
      ['0,33333', '\\frac{1}{3}'],
    ],
    different: [
      ['√3', '3'],
      ['0,5', '5'],
      ['1,22', '122'],
      ['x³', 'x^2'],
      ['−0.5', '0.5'],
      ['63,21', '63'],
      ['4700,4100', '4700'],
      ['0,3', '\\frac{1}{3}'],
      ['0,500', '500'],
    ],
  },
  'units and currency': {
    equal: [
      ['2,74 $', '2.74'],
      ['1,000.99€', '1000.99'],
      ['€12', '12'],
      ['12 cm', '12'],
      ['£5.50', '5.5'],
    ],
    different: [
      ['2,74 $', '274'],
      ['12 cm', '13'],
      ['1,000.99€', '1000'],
    ],
  },
};

describe.each(Object.entries(kinds))('%s', (_kind, { equal, different }) => {
  it.each(equal)('%s equals %s', async (a, b) => {
    expect(await verdictBothWays(a, b)).toEqual(['equal', 'equal']);
  });
  it.each(different)('%s differs from %s', async (a, b) => {
    const verdicts = await verdictBothWays(a, b);
    expect(verdicts).not.toContain('equal');
  });
});

describe('why two answers differ', () => {
  it('names the boundary where two sets of reals part', async () => {
    expect(await compareAnswers('x > 5', 'x \\ge 5')).toEqual({
      verdict: 'not-equal',
      difference: { kind: 'boundary', value: '5', inYours: false },
    });
    expect(await compareAnswers('[-2, 7]', '-2 < x \\le 7')).toEqual({
      verdict: 'not-equal',
      difference: { kind: 'boundary', value: '-2', inYours: true },
    });
  });

  it('calls a number with one separator ambiguous only when its other reading is the match', async () => {
    expect(await compareAnswers('1,000', '1')).toEqual({
      verdict: 'ambiguous',
      written: '1,000',
      meanings: ['1000', '1.000'],
    });
    expect(await compareAnswers('1.000', '1000')).toMatchObject({ verdict: 'ambiguous' });
    expect(await compareAnswers('1,000', '1000')).toEqual({ verdict: 'equal' });
    expect(await compareAnswers('1,000', '7')).toEqual({ verdict: 'not-equal' });
    expect(await compareAnswers('999,999', '1000')).toEqual({ verdict: 'not-equal' });
  });
});

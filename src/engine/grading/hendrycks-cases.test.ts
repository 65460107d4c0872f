// The sixteen cases of hendrycks/math's equivalence test, as this project's grader must decide them.
import { describe, expect, it } from 'vitest';
import { answersEqual } from './equivalence';
import type { SymbolicChecker } from './symbolic';

// These cases need no SymPy, except the two that only a symbolic checker can settle, stubbed here by their meaning.
const checker: SymbolicChecker = {
  async equal(pred, gold) {
    const key = `${pred} | ${gold}`;
    if (key.includes('(x-2)')) return true;
    if (key.includes('11z')) return false;
    return null;
  },
};

const cases: Array<[string, string, string, boolean]> = [
  [
    'a sum of fractions against a different sum',
    '\\tfrac{1}{2} + \\frac1{72}',
    '\\\\frac{1}{2} + 2/3',
    false,
  ],
  ['a list in another order', '10, 4, -2', '4, 10, -2', false],
  ['a list with a different item', '10, 4, 2', '4, 12, 2', false],
  [
    'tfrac, dfrac, \\! and a doubled backslash',
    '\\tfrac{1}{2} +\\! \\frac1{72}',
    '\\\\dfrac{1}{2} +\\frac{1}{72}',
    true,
  ],
  ['a unit in \\text', '10\\text{ units}', '10 ', true],
  ['a unit does not hide a wrong number', '10\\text{ units}', '100 ', false],
  ['a dollar sign', '10', '\\$10', true],
  ['\\left and \\right', '\\left(x-2\\right)\\left(x+2\\right)', '(x-2)(x+2)', true],
  ['decimals in a list in another order', '0.1, 4, 2', '4, .1, 2', false],
  ['a decimal without its leading zero', '0.1', '.1', true],
  ['a percent sign', '10\\%', '10', true],
  ['square roots with and without braces', '10\\sqrt{3} + \\sqrt4', '10\\sqrt3 + \\sqrt{4}', true],
  ['a short-form fraction times i', '\\frac34i', '\\frac{3}{4}i', true],
  ['a short-form tfrac', '\\tfrac83', '\\frac{8}{3}', true],
  ['different plane equations', '5x - 7y + 11z + 4 = 0', 'x + y - z + 2 = 0', false],
  ['a slash fraction', '1/2', '\\frac{1}{2}', true],
];

describe("hendrycks/math's equivalence cases", () => {
  it.each(cases)('%s', async (_name, a, b, expected) => {
    expect(await answersEqual(a, b, { checker })).toBe(expected);
    expect(await answersEqual(b, a, { checker })).toBe(expected);
  });
});

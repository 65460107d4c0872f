import { describe, expect, it } from 'vitest';
import { referenceFindMathAnswer, referenceIsEqual, referenceVerdict } from './reference';

describe("the reference grader's extraction", () => {
  it('reads the boxed answer, after = and the last " is "', () => {
    expect(referenceFindMathAnswer('The cost is \\( \\boxed{51} \\) dollars.')).toBe('51');
    expect(referenceFindMathAnswer('So \\(x = 12\\)')).toBe('12');
    expect(referenceFindMathAnswer('\\frac{199}{15}')).toBe('\\frac{199}{15}');
    expect(referenceFindMathAnswer('51.0')).toBe('51.0');
  });

  it('strips its unit list, quirks included', () => {
    expect(referenceFindMathAnswer('50{ounces}')).toBe('50{ounces}');
    expect(referenceFindMathAnswer('12 inches')).toBe('12');
    expect(referenceFindMathAnswer('3/4')).toBe('\\frac{3}{4}');
  });
});

describe("the reference grader's is_equal", () => {
  it('accepts a difference under 0.01 and reads thousands separators and refuses other comma lists', async () => {
    expect(await referenceIsEqual('583.3333', '583.33')).toBe(true);
    expect(await referenceIsEqual('0.5', '0.51')).toBe(false);
    expect(await referenceIsEqual('10011', '10,011')).toBe(true);
    expect(await referenceIsEqual('63', '63,21')).toBe(false);
    expect(await referenceIsEqual('(6,-2)', '(6.0,-2.0)')).toBe(false);
    expect(await referenceIsEqual('(1,2)', '(1,2)')).toBe(true);
  });

  it('grades a completion against a dataset answer', async () => {
    expect((await referenceVerdict('51', '51.0')).verdict).toBe(true);
    expect((await referenceVerdict('I apologize for the mistake.', '51.0')).verdict).toBe(false);
  });
});

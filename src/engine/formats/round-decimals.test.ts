import { describe, expect, it } from 'vitest';
import { formatFixed, roundLongDecimals } from './round-decimals';

describe('roundLongDecimals', () => {
  it('rounds decimals with more than six places and leaves the rest', () => {
    expect(roundLongDecimals('pi is 3.14159265358979, e is 2.718281, half is 0.5')).toBe(
      'pi is 3.141593, e is 2.718281, half is 0.5',
    );
  });

  it('touches digits only, in text and in code alike', () => {
    expect(roundLongDecimals('\\(x = -1.00000049\\) and v1.2.3')).toBe(
      '\\(x = -1.000000\\) and v1.2.3',
    );
  });

  it('rounds like Python: the exact binary value, ties to even', () => {
    // Expected values printed by CPython's '{:.6f}'; 0.0078125 is exactly 1/128, a tie that toFixed rounds up.
    expect(formatFixed(0.0078125, 6)).toBe('0.007812');
    expect(formatFixed(0.0234375, 6)).toBe('0.023438');
    expect(formatFixed(2.0000005, 6)).toBe('2.000001');
    expect(formatFixed(1e22 + 0.5, 6)).toBe('10000000000000000000000.000000');
    expect(formatFixed(Infinity, 6)).toBe('inf');
    expect(roundLongDecimals('0.12345650000000')).toBe('0.123456');
  });
});

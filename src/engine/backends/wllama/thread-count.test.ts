import { expect, it } from 'vitest';
import { coresForThreads, llamaThreads } from './thread-count';

it('gives one thread where the page is not cross-origin isolated', () => {
  expect(llamaThreads(16, false)).toBe(1);
});

it('uses both of two cores, half of more, and at most eight', () => {
  const rule = [1, 2, 3, 4, 6, 8, 12, 16, 32].map((cores) => [cores, llamaThreads(cores, true)]);
  expect(rule).toEqual([
    [1, 1],
    [2, 2],
    [3, 2],
    [4, 2],
    [6, 3],
    [8, 4],
    [12, 6],
    [16, 8],
    [32, 8],
  ]);
});

it('assumes two cores where the browser does not say', () => {
  expect(llamaThreads(undefined, true)).toBe(2);
  expect(llamaThreads(0, true)).toBe(2);
});

it('finds the core count a benchmark reports to get each thread count', () => {
  for (const threads of [1, 2, 3, 4, 8])
    expect(llamaThreads(coresForThreads(threads), true)).toBe(threads);
  expect(coresForThreads(2)).toBe(2);
  expect(() => coresForThreads(9)).toThrow(/at most 8/);
});

// The prose suite and the near-miss suite through the grader with SymPy, as bench:grade reports them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNodeChecker, startNodeSandbox } from './eval-python.ts';
import { gradeSuites, readSuiteCases, type SuiteResult } from './grade-suites.ts';

let sandbox: Awaited<ReturnType<typeof startNodeSandbox>>;
let results: SuiteResult[];

beforeAll(async () => {
  sandbox = await startNodeSandbox(() => {});
  results = await gradeSuites(createNodeChecker(sandbox));
}, 300_000);
afterAll(() => sandbox?.dispose());

const suite = (name: SuiteResult['suite']) => results.find((r) => r.suite === name)!;

describe('grade suites', () => {
  it('holds 150 or more prose cases of both verdicts and a near-miss suite', () => {
    const cases = readSuiteCases();
    const prose = cases.filter((c) => c.suite === 'prose');
    expect(prose.length).toBeGreaterThanOrEqual(150);
    expect(prose.filter((c) => c.expected).length).toBeGreaterThan(50);
    expect(prose.filter((c) => !c.expected).length).toBeGreaterThan(50);
    expect(cases.filter((c) => c.suite === 'near-miss' && !c.expected).length).toBeGreaterThan(30);
  });

  it('agrees with the prose suite but for the one equation it keeps whole', () => {
    const { cases, agreed, misses } = suite('prose');
    expect(agreed / cases).toBeGreaterThanOrEqual(0.95);
    // `\frac{a}{b} = \frac{3}{5}` against 3/5: reading the right side of any equation would also pass `x^2 = 4` for 4.
    expect(misses.map((m) => [m.pred, m.gold, m.got])).toEqual([
      ['So we have\n$$\\frac{a}{b} = \\frac{3}{5}$$', '\\frac{3}{5}', false],
    ]);
  });

  it('grades every near miss "not equal"', () => {
    expect(suite('near-miss').misses.map((m) => [m.pred, m.gold])).toEqual([]);
  });
});

// The prose suite and the near-miss suite of scripts/eval/fixtures/grade-prose.jsonl, graded as `npm run grade` grades:
// how often the grader agrees with each case's expected verdict, and which cases it does not.
import { readFileSync } from 'node:fs';
import { answersEqual } from '../../src/engine/grading/equivalence.ts';
import type { SymbolicChecker } from '../../src/engine/grading/symbolic.ts';

export interface SuiteCase {
  suite: 'prose' | 'near-miss';
  kind: string;
  pred: string;
  gold: string;
  expected: boolean;
}

export interface SuiteResult {
  suite: SuiteCase['suite'];
  cases: number;
  agreed: number;
  /** Cases where the grader's verdict is not the expected one. */
  misses: Array<SuiteCase & { got: boolean }>;
}

const fixture = new URL('./fixtures/grade-prose.jsonl', import.meta.url);

export function readSuiteCases(): SuiteCase[] {
  return readFileSync(fixture, 'utf8')
    .split('\n')
    .filter((line) => line.trim())
    .map((line) => JSON.parse(line) as SuiteCase);
}

/** Grades every case with `checker` (SymPy in Pyodide) and sums up each suite. */
export async function gradeSuites(checker: SymbolicChecker): Promise<SuiteResult[]> {
  const results = new Map<SuiteCase['suite'], SuiteResult>();
  for (const item of readSuiteCases()) {
    const result = results.get(item.suite) ?? {
      suite: item.suite,
      cases: 0,
      agreed: 0,
      misses: [],
    };
    results.set(item.suite, result);
    const got = await answersEqual(item.pred, item.gold, { checker });
    result.cases++;
    if (got === item.expected) result.agreed++;
    else result.misses.push({ ...item, got });
  }
  return [...results.values()];
}

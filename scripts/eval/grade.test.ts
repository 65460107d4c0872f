// `npm run grade` end to end: one pair per kind of answer and verdict, each line's expected verdict beside it.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const fixture = new URL('./fixtures/grade-kinds.jsonl', import.meta.url);

describe('npm run grade', () => {
  it('grades every kind of answer both ways and says why when not equal', () => {
    const input = readFileSync(fixture, 'utf8');
    const run = spawnSync('npx', ['tsx', 'scripts/eval/grade.ts'], { input, encoding: 'utf8' });
    expect(run.status, run.stderr).toBe(0);
    const expected = input
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { kind: string; pred: string; expected: boolean });
    const got = run.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { equal: boolean; why?: string });
    expect(got.map((g, i) => [expected[i]!.kind, expected[i]!.pred, g.equal])).toEqual(
      expected.map((e) => [e.kind, e.pred, e.expected]),
    );
    for (const g of got) expect(g.equal || (g.why ?? '') !== '').toBe(true);
  }, 120_000);
});

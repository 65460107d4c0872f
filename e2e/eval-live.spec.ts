import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';

// The live evaluation drives the production build (dist/, built before the e2e tests) in its own Chromium.
const DATA = process.env.MATHCODER_DATA ?? path.join('..', 'shared', 'data');
const DATASET = path.join(DATA, 'benchmarks', 'GSM8K_test_post.jsonl');
const DIST = process.env.EVAL_DIST ?? 'dist';

function evaluate(args: string[], timeout: number) {
  const command = ['tsx', 'scripts/eval/eval.ts', '--dataset', DATASET, '--dist', DIST, ...args];
  return spawnSync('npx', command, { encoding: 'utf8', timeout });
}

test('npm run eval -- --dataset --model test solves problems live and writes lines and a summary', async () => {
  test.skip(!existsSync(DATASET), `no benchmark data at ${DATASET}`);
  test.setTimeout(120_000);
  const dir = mkdtempSync(path.join(tmpdir(), 'eval-live-'));
  const outFile = path.join(dir, 'out.jsonl');
  try {
    const run = evaluate(['--model', 'test', '--limit', '2', '--out', outFile], 110_000);
    expect(run.status, run.stderr).toBe(0);
    const summary = JSON.parse(run.stdout.trim().split('\n').at(-1)!) as Record<string, unknown>;
    expect(summary).toMatchObject({
      file: 'GSM8K_test_post',
      model: 'test',
      problems: 2,
      failed: 0,
      errors: [],
      blocksPerProblem: 3,
    });
    // The test model always answers 42, which is not the gold answer of either problem.
    expect(summary.accuracy).toBe(0);
    expect(summary.tokensPerSecond).toBeGreaterThan(0);
    expect(summary.pythonSeconds).toBeGreaterThan(0);
    expect(String(summary.runtime)).toMatch(/llama\.cpp \(wllama\)/);

    const lines = readFileSync(outFile, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines.map((l) => [l.id, l.gold, l.answer, l.correct, l.status])).toEqual([
      ['1', '18', '42', false, 'finished'],
      ['2', '3', '42', false, 'finished'],
    ]);
    for (const line of lines) {
      expect((line.usage as { completionTokens: number }).completionTokens).toBeGreaterThan(0);
      const trace = line.trace as Array<{ kind: string; text: string }>;
      expect(trace.map((b) => b.kind)).toEqual(['text', 'code', 'execution', 'text']);
      // Computed by the browser's sandbox from the code the model wrote.
      expect(trace[2]!.text).toBe('42');
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('npm run eval -- --model with missing files ends with one line naming the file', async () => {
  test.skip(!existsSync(DATASET), `no benchmark data at ${DATASET}`);
  const run = evaluate(['--model', 'MathCoder-L-7B-Q4_0-GGUF', '--limit', '1'], 60_000);
  expect(run.status).toBe(1);
  const said = run.stderr.split('\n').filter((l) => l.startsWith('eval:'));
  expect(said).toHaveLength(1);
  expect(said[0]).toMatch(/cannot load .*MathCoder-L-7B\.Q4_0-00001-of-00008\.gguf/);
  expect(run.stderr).not.toMatch(/\n\s+at /);
});

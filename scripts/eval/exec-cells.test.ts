// The CLI end to end: JSON lines in, JSON lines out, nothing else on stdout.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { beforeAll, expect, it } from 'vitest';
import { ensurePythonPrepared } from '../node-python/node-sandbox.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
const tsxCli = createRequire(import.meta.url).resolve('tsx/cli');

beforeAll(async () => {
  await ensurePythonPrepared(() => {});
}, 180_000);

it('runs each line in a fresh namespace and writes one JSON line per input line', () => {
  const input = [
    JSON.stringify({ id: 'p1', cells: ['x = 20', "print('hi')\nx + 22", 'x / 0'] }),
    '',
    'not json',
    JSON.stringify({ id: 'p2', cells: ['x'] }),
  ].join('\n');
  const child = spawnSync(process.execPath, [tsxCli, 'scripts/eval/exec-cells.ts'], {
    cwd: root,
    input,
    encoding: 'utf8',
  });
  const lines = child.stdout
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as unknown);
  expect(lines).toHaveLength(2);
  expect(lines[0]).toMatchObject({
    id: 'p1',
    outputs: [{ text: '', error: false }, { text: 'hi\n42', error: false }, { error: true }],
  });
  expect(JSON.stringify(lines[0])).toContain('ZeroDivisionError: division by zero');
  expect(lines[1]).toMatchObject({ id: 'p2', outputs: [{ error: true }] });
  expect(JSON.stringify(lines[1])).toContain("NameError: name 'x' is not defined");
  expect(child.stderr).toContain('skipped a line');
  expect(child.status).toBe(1);
}, 120_000);

// exec-cells gives each input line a pristine interpreter, as the browser gives each problem: the state-leak
// cells change Python on one line and the next line's probes must read as on a line of their own.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { beforeAll, expect, it } from 'vitest';
import { stateLeakCells } from '../../e2e/fixtures/state-leak-cells.ts';
import { ensurePythonPrepared } from './node-sandbox.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));

function execCells(lines: Array<{ id: string; cells: string[] }>): Promise<string[][]> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/eval/exec-cells.ts'], {
      cwd: root,
      stdio: ['pipe', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) return reject(new Error(`exec-cells exited with ${code}`));
      const rows = out
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line) as { outputs: { text: string }[] });
      resolve(rows.map((row) => row.outputs.map((output) => output.text)));
    });
    child.stdin.end(lines.map((line) => JSON.stringify(line)).join('\n'));
  });
}

beforeAll(async () => {
  await ensurePythonPrepared(() => {});
}, 180_000);

it('runs each input line in a pristine interpreter', async () => {
  const probes = stateLeakCells.map((cell) => cell.probe);
  const [pristine, changed, next] = await execCells([
    { id: 'pristine', cells: probes },
    { id: 'changed', cells: [...stateLeakCells.map((cell) => cell.change), ...probes] },
    { id: 'next', cells: probes },
  ]);
  stateLeakCells.forEach((cell, i) => {
    expect(changed![stateLeakCells.length + i], cell.name).not.toBe(pristine![i]);
    expect(next![i], cell.name).toBe(pristine![i]);
  });
}, 180_000);

// Background work a cell leaves behind, against the real kernel in Node: the next job still runs, within its limit.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { leftBehind } from '../../e2e/fixtures/hostile-cells.ts';
import type { PythonSandbox } from '../../src/sandbox/python-sandbox.ts';
import { createNodeSandbox, ensurePythonPrepared } from './node-sandbox.ts';

const LIMIT_MS = 3000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

// Both hosts: cross-origin isolated (interrupts work) and not (only a fresh worker stops Python).
describe.each([
  ['with interrupts', true],
  ['without interrupts', false],
])('a task or callback left running after its cell, %s', (_, allowInterrupt) => {
  let sandbox: PythonSandbox;

  beforeAll(async () => {
    await ensurePythonPrepared(() => {});
    sandbox = createNodeSandbox({
      defaultTimeoutMs: LIMIT_MS,
      interruptGraceMs: 2000,
      allowInterrupt,
    });
    await sandbox.whenReady();
  }, 180_000);

  afterAll(() => sandbox?.dispose());

  it("is cancelled with its cell: the next cell runs at once, in the problem's namespace", async () => {
    await sandbox.reset();
    await sandbox.run('kept = 41');
    expect(await sandbox.run(leftBehind[0]!.code)).toMatchObject({ text: '4\n', error: false });
    await sleep(1500); // past the task's wake-up
    const started = performance.now();
    expect(await sandbox.run('kept + 1')).toMatchObject({ text: '42', timedOut: false });
    expect(performance.now() - started).toBeLessThan(LIMIT_MS);
  });

  for (const { name, code } of leftBehind.slice(1)) {
    it(`${name}: the next cell still runs once the worker is interrupted or replaced`, async () => {
      await sandbox.reset();
      await sandbox.run('kept = 41');
      expect(await sandbox.run(code)).toMatchObject({ text: '4\n', error: false });
      await sleep(1500);
      const started = performance.now();
      const next = await sandbox.run('kept + 1');
      // The deadline to begin (the cell limit), the interrupt's grace, and a restore, on a loaded machine.
      expect(performance.now() - started).toBeLessThan(40_000);
      expect(next).toMatchObject({ text: '42', error: false, timedOut: false });
      // Not held again: the interrupt ended the work, or the fresh worker was restored without its cell.
      const quick = performance.now();
      expect(await sandbox.run('6 * 7')).toMatchObject({ text: '42', error: false });
      expect(performance.now() - quick).toBeLessThan(LIMIT_MS);
    }, 120_000);
  }

  it('an answer check or any other queued job behind it gets its deadline too', async () => {
    await sandbox.reset();
    await sandbox.run(leftBehind[1]!.code);
    await sleep(1500);
    const jobs = [sandbox.run('1 + 1'), sandbox.run('2 + 2')];
    expect((await Promise.all(jobs)).map((output) => output.text)).toEqual(['2', '4']);
  }, 120_000);
});

// One pristine interpreter per problem, on both hosts (isolated and not): what one problem does to Python itself
// (precision, patched modules and builtins, sys, files, cwd, hooks) is gone in the next, as with a new kernel.
import { expect, test } from '@playwright/test';
import { stateLeakCells } from './fixtures/state-leak-cells';

interface Exposed {
  sandbox: {
    run(code: string): Promise<{ text: string; error: boolean }>;
    reset(): Promise<void>;
    whenReady(): Promise<void>;
  };
}

test('each problem starts from a pristine interpreter', async ({ page }) => {
  test.setTimeout(180_000);
  await page.goto('/?exposeSandbox');
  const runAll = (cells: string[]) =>
    page.evaluate(async (codes) => {
      const { sandbox } = window as unknown as Exposed;
      await sandbox.reset();
      const outputs = [];
      for (const code of codes) outputs.push(await sandbox.run(code));
      return outputs;
    }, cells);
  const probes = stateLeakCells.map((cell) => cell.probe);

  const pristine = await runAll(probes);
  for (const output of pristine) expect(output.error, output.text).toBe(false);

  // The first problem changes the interpreter; each probe must see its change there.
  const changed = await runAll([...stateLeakCells.map((cell) => cell.change), ...probes]);
  stateLeakCells.forEach((cell, i) => {
    expect(changed[i]!.error, `${cell.name}: ${changed[i]!.text}`).toBe(false);
    expect(changed[stateLeakCells.length + i]!.text, cell.name).not.toBe(pristine[i]!.text);
  });

  // The next problem sees none of it (soft: every leak is reported, not just the first).
  const next = await runAll(probes);
  stateLeakCells.forEach((cell, i) =>
    expect.soft(next[i]!.text, cell.name).toBe(pristine[i]!.text),
  );
});

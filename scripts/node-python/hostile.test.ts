// The hostile cells that need no browser, against the real kernel in Node: each ends with its error and the next cell works.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hostileCells } from '../../e2e/fixtures/hostile-cells.ts';
import type { PythonSandbox } from '../../src/sandbox/python-sandbox.ts';
import { createNodeSandbox, ensurePythonPrepared } from './node-sandbox.ts';

let sandbox: PythonSandbox;

beforeAll(async () => {
  await ensurePythonPrepared(() => {});
  sandbox = createNodeSandbox({ defaultTimeoutMs: 10_000 });
  await sandbox.whenReady();
}, 180_000);

afterAll(() => sandbox?.dispose());

describe('hostile cells (Node)', () => {
  for (const cell of hostileCells.filter((c) => c.fast)) {
    it(cell.name, async () => {
      await sandbox.reset();
      await sandbox.run('before = 20');
      const output = await sandbox.run(cell.code);
      expect(output.text).toMatch(cell.expect);
      expect(output.text.length).toBeLessThan(1_500_000);
      expect(await sandbox.run('before + 22')).toMatchObject({ text: '42', error: false });
    });
  }

  it("leaves nothing of the last problem's cells to find", async () => {
    await sandbox.reset();
    await sandbox.run("secret_a = 'hunter' + '2'\ndef keep():\n    return secret_a");
    await sandbox.reset();
    expect((await sandbox.run('secret_a')).text).toMatch(/NameError/);
    const probe =
      "import linecache\nany('hun' + 'ter' in ''.join(v[2]) for v in linecache.cache.values() if v[2])";
    expect((await sandbox.run(probe)).text).toBe('False');
  });
});

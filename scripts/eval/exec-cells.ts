// Runs notebook cells in Pyodide, like the browser sandbox: `npm run --silent exec-cells < in.jsonl > out.jsonl`.
// In: {"id", "cells": ["code", ...]} a line (cells of a line share a namespace). Out: {"id", "outputs": [{text, error}]}.
import { createInterface } from 'node:readline';
import { createNodeSandbox, ensurePythonPrepared } from '../node-python/node-sandbox.ts';
import { runMain, say } from '../lib/run-main.ts';

async function main(): Promise<number> {
  await ensurePythonPrepared(say);
  const timeoutMs = Number(process.env.CELL_TIMEOUT_MS ?? 6000);
  const sandbox = createNodeSandbox({ defaultTimeoutMs: timeoutMs });
  const started = performance.now();
  await sandbox.whenReady();
  const startMs = performance.now() - started;
  let problems = 0;
  let cells = 0;
  let errors = 0;
  let timeouts = 0;
  let bad = 0;
  try {
    for await (const line of createInterface({ input: process.stdin, crlfDelay: Infinity })) {
      if (!line.trim()) continue;
      let input: { id?: unknown; cells?: unknown };
      try {
        input = JSON.parse(line) as typeof input;
        if (!Array.isArray(input.cells) || !input.cells.every((c) => typeof c === 'string'))
          throw new Error('no cells');
      } catch (error) {
        bad++;
        say(`exec-cells: skipped a line that is not {"id", "cells": [strings]} (${String(error)})`);
        continue;
      }
      await sandbox.reset();
      const outputs = [];
      for (const code of input.cells as string[]) {
        const output = await sandbox.run(code);
        outputs.push(
          output.timedOut
            ? { text: output.text, error: true, timedOut: true }
            : { text: output.text, error: output.error },
        );
        cells++;
        if (output.error) errors++;
        if (output.timedOut) timeouts++;
      }
      problems++;
      process.stdout.write(`${JSON.stringify({ id: input.id ?? null, outputs })}\n`);
    }
  } finally {
    sandbox.dispose();
  }
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  say(
    `exec-cells: ${problems} problems, ${cells} cells (${errors} errors, ${timeouts} timeouts) in ${seconds} s; ` +
      `Python started in ${(startMs / 1000).toFixed(1)} s.`,
  );
  return bad ? 1 : 0;
}

runMain('exec-cells', main);

// Runs every recorded problem's code cells in one namespace each and compares with what Jupyter printed.
// Usage: npm run bench:fidelity [-- file.jsonl ...] [--show N]   (data: $MATHCODER_DATA, default ../shared/data)
// Prints one JSON line per file: {"name","value","unit","goal","cells","matched","classes"}.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  batchProblemReset,
  createNodeSandbox,
  ensurePythonPrepared,
} from '../node-python/node-sandbox.ts';
import { classify, normalise, readTraces } from '../eval/fidelity-lib.ts';
import { inLanes } from '../lib/in-lanes.ts';
import { runMain, say } from '../lib/run-main.ts';

const GOAL = 97;
const DEFAULT_FILES = ['SVAMP', 'mathematics', 'simuleq'].map((s) => `MathCoder-CL-7B_${s}.jsonl`);

const root = fileURLToPath(new URL('../..', import.meta.url));
const data = process.env.MATHCODER_DATA ?? path.join(root, '..', 'shared', 'data');
// Accept the data folder or its mathcoder-traces/ folder.
const tracesDir = existsSync(path.join(data, 'mathcoder-traces'))
  ? path.join(data, 'mathcoder-traces')
  : data;
const args = process.argv.slice(2);
const showAt = args.indexOf('--show');
const show = showAt >= 0 ? Number(args.splice(showAt, 2)[1]) : 0;
const files = args.length ? args : DEFAULT_FILES.map((f) => path.join(tracesDir, f));
// Mismatches shown so far, over all files (`--show N` shows the first N).
const shown = { count: 0 };

/** Runs one file's problems in a sandbox of its own and compares each cell's output with Jupyter's. */
async function measureFile(file: string) {
  const sandbox = createNodeSandbox({
    defaultTimeoutMs: Number(process.env.CELL_TIMEOUT_MS ?? 6000),
    problemReset: batchProblemReset(),
  });
  try {
    await sandbox.whenReady();
    const name = path.basename(file, '.jsonl');
    const started = performance.now();
    const classes = new Map<string, number>();
    let cells = 0;
    let matched = 0;
    for (const problem of readTraces(readFileSync(file, 'utf8'), name)) {
      await sandbox.reset();
      let missing: string | undefined;
      for (const [i, code] of problem.cells.entries()) {
        const output = await sandbox.run(code);
        const recorded = problem.expected[i];
        if (recorded == null) continue;
        cells++;
        const mismatch = classify(recorded, output, missing);
        missing ??= /^missing module (.+)$/.exec(mismatch ?? '')?.[1];
        if (!mismatch) {
          matched++;
          continue;
        }
        classes.set(mismatch, (classes.get(mismatch) ?? 0) + 1);
        if (shown.count++ < show)
          say(
            `## ${problem.id} cell ${i + 1} [${mismatch}]\n${code}\n-- Jupyter:\n${normalise(recorded)}\n-- ours:\n${normalise(output.text)}\n`,
          );
      }
    }
    const value = cells ? Number(((100 * matched) / cells).toFixed(1)) : 0;
    const top = Object.fromEntries([...classes].sort((a, b) => b[1] - a[1]).slice(0, 10));
    const seconds = Number(((performance.now() - started) / 1000).toFixed(1));
    return {
      name: `fidelity:${name}`,
      value,
      unit: '%',
      goal: GOAL,
      cells,
      matched,
      seconds,
      classes: top,
    };
  } finally {
    sandbox.dispose();
  }
}

async function main(): Promise<number> {
  const present = files.filter((file) => existsSync(file));
  for (const missing of files.filter((file) => !existsSync(file)))
    say(
      `bench:fidelity: ${missing} not found (set MATHCODER_DATA to the folder holding mathcoder-traces/)`,
    );
  if (!present.length) return 0;
  await ensurePythonPrepared(say);
  // Each file has its own sandbox worker, so files share the machine's cores; figures print in the files' order.
  let failed = false;
  for (const measured of inLanes(present, measureFile)) {
    const line = await measured;
    if (line.value < GOAL) failed = true;
    process.stdout.write(`${JSON.stringify(line)}\n`);
  }
  return failed && process.env.FIDELITY_STRICT ? 1 : 0;
}

runMain('bench:fidelity', main);

// Turns recorded MathCoder traces into exec-cells input: the code blocks of each problem, with what Jupyter printed.
// Usage: npx tsx scripts/eval/traces-to-cells.ts [trace.jsonl ...] > cells.jsonl   (data: $MATHCODER_DATA or ../shared/data)
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { readTraces } from './fidelity-lib.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
const dataDir = process.env.MATHCODER_DATA ?? path.join(root, '..', 'shared', 'data');
const files = process.argv.slice(2);
if (!files.length)
  files.push(path.join(dataDir, 'mathcoder-traces', 'MathCoder-L-7B_GSM8K_debug20.jsonl'));

for (const file of files) {
  for (const problem of readTraces(readFileSync(file, 'utf8'), path.basename(file, '.jsonl'))) {
    process.stdout.write(`${JSON.stringify(problem)}\n`);
  }
}

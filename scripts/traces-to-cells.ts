// Turns recorded MathCoder traces into exec-cells input: the code blocks of each problem, with what Jupyter printed.
// Usage: npx tsx scripts/traces-to-cells.ts [trace.jsonl ...] > cells.jsonl   (data: $MATHCODER_DATA or ../shared/data)
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

interface Block {
  type?: string;
  role?: string;
  content: string;
}

const root = fileURLToPath(new URL('..', import.meta.url));
const dataDir = process.env.MATHCODER_DATA ?? path.join(root, '..', 'shared', 'data');
const files = process.argv.slice(2);
if (!files.length)
  files.push(path.join(dataDir, 'mathcoder-traces', 'MathCoder-L-7B_GSM8K_debug20.jsonl'));

for (const file of files) {
  const name = path.basename(file, '.jsonl');
  readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim())
    .forEach((line, index) => {
      const trace = JSON.parse(line) as { id?: string | number; debug_result: Block[] };
      const cells: string[] = [];
      const expected: Array<string | null> = [];
      for (const block of trace.debug_result) {
        const kind = block.type ?? block.role;
        if (kind === 'code') {
          cells.push(block.content);
          expected.push(null);
        } else if (kind === 'execution' && cells.length) {
          expected[cells.length - 1] = block.content;
        }
      }
      const id = `${name}:${trace.id ?? index}`;
      if (cells.length) process.stdout.write(`${JSON.stringify({ id, cells, expected })}\n`);
    });
}

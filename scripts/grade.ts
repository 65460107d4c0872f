// Grades answer pairs: `npm run --silent grade < pairs.jsonl`, each line {"pred", "gold"} → {"equal": true|false}.
import { createInterface } from 'node:readline';
import { answersEqual } from '../src/engine/grading/equivalence.ts';
import { createNodeChecker, startNodeSandbox } from './eval-python.ts';

const say = (line: string) => process.stderr.write(`${line}\n`);

async function main(): Promise<number> {
  const sandbox = await startNodeSandbox(say);
  const checker = createNodeChecker(sandbox);
  let bad = 0;
  try {
    for await (const line of createInterface({ input: process.stdin, crlfDelay: Infinity })) {
      if (!line.trim()) continue;
      let pair: { pred?: unknown; gold?: unknown };
      try {
        pair = JSON.parse(line) as typeof pair;
      } catch {
        pair = {};
      }
      const { pred, gold } = pair;
      if (typeof gold !== 'string' && typeof gold !== 'number') {
        bad++;
        say(
          `grade: skipped a line that is not {"pred": "...", "gold": "..."}: ${line.slice(0, 80)}`,
        );
        process.stdout.write(`${JSON.stringify({ equal: null, error: 'bad line' })}\n`);
        continue;
      }
      const equal =
        (typeof pred === 'string' || typeof pred === 'number') &&
        (await answersEqual(String(pred), String(gold), { checker }));
      process.stdout.write(`${JSON.stringify({ equal })}\n`);
    }
  } finally {
    sandbox.dispose();
  }
  return bad ? 1 : 0;
}

// exitCode, not exit(): stdout to a pipe is written asynchronously and must drain first.
main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    say(`grade: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  },
);

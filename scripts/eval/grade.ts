// Grades answer pairs: `npm run --silent grade < pairs.jsonl`, each line {"pred", "gold"} →
// {"equal": true|false, "verdict": "equal"|"not-equal"|"ambiguous"|"unreadable", "why": "…"} (why: when not equal).
import { createInterface } from 'node:readline';
import { checkAnswer } from '../../src/engine/grading/check-answer.ts';
import { createNodeChecker, startNodeSandbox } from './eval-python.ts';
import { runMain, say } from '../lib/run-main.ts';

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
      if (typeof pred !== 'string' && typeof pred !== 'number') {
        process.stdout.write(
          `${JSON.stringify({ equal: false, verdict: 'unreadable', why: 'pred is missing: give a string or a number' })}\n`,
        );
        continue;
      }
      const check = await checkAnswer(String(pred), String(gold), checker);
      const equal = check.verdict === 'equal';
      process.stdout.write(
        `${JSON.stringify({ equal, verdict: check.verdict, ...(equal ? {} : { why: check.message }) })}\n`,
      );
    }
  } finally {
    sandbox.dispose();
  }
  return bad ? 1 : 0;
}

runMain('grade', main);

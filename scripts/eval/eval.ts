// Accuracy evaluation: `npm run eval [-- --playback <trace file> ...] [--limit N] [--out file.jsonl]`.
// Plays back recorded MathCoder traces through the engine (executions computed live in Node's Pyodide sandbox),
// grades each answer with this project's grader and with the reference grader, and reports where they differ.
// `--dataset <benchmark file> --model <id|test> [--dist dist]` solves with a live model in Chromium (eval-live.ts).
import { createWriteStream, existsSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createPlaybackModel } from '../../src/engine/backends/playback.ts';
import { parseSavedSolution } from '../../src/engine/backends/saved-solution.ts';
import { mathcoderFormat } from '../../src/engine/formats/mathcoder.ts';
import { solve } from '../../src/engine/solve.ts';
import type { BlockKind, TraceEvent, Usage } from '../../src/engine/types.ts';
import { disagreementReason, gradeSolved, summarize, type ProblemResult } from './eval-report.ts';
import { EvalError, evaluateLive } from './eval-live.ts';
import { createNodeChecker, startNodeSandbox } from './eval-python.ts';
import { ensurePythonPrepared } from '../node-python/node-sandbox.ts';
import { inLanes } from '../lib/in-lanes.ts';
import { runMain, say } from '../lib/run-main.ts';

const DATA = process.env.MATHCODER_DATA ?? path.join('..', 'shared', 'data');
// Without --playback: the three recorded MathCoder-CL-7B files behind the paper's figures (what CI runs).
const DEFAULT_FILES = ['SVAMP', 'mathematics', 'simuleq'].map((s) => `MathCoder-CL-7B_${s}.jsonl`);

const { values } = parseArgs({
  options: {
    playback: { type: 'string', multiple: true },
    // The earlier name of --playback.
    replay: { type: 'string', multiple: true },
    dataset: { type: 'string' },
    model: { type: 'string' },
    limit: { type: 'string' },
    out: { type: 'string' },
    dist: { type: 'string' },
  },
});

interface Recorded {
  id?: string | number;
  ground_truth: { answer: unknown };
}

async function evaluateFile(file: string, limit: number, outDir: string) {
  const name = path.basename(file, '.jsonl');
  const lines = readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim())
    .slice(0, limit);
  const sandbox = await startNodeSandbox(say);
  const checker = createNodeChecker(sandbox);
  const outFile = values.out ?? path.join(outDir, `${name}.jsonl`);
  mkdirSync(path.dirname(outFile), { recursive: true });
  const out = createWriteStream(outFile);
  const results: ProblemResult[] = [];
  const started = performance.now();
  try {
    for (const [index, line] of lines.entries()) {
      const record = JSON.parse(line) as Recorded;
      const gold = String(record.ground_truth.answer);
      const solution = parseSavedSolution(line);
      const blocks: Array<{ kind: BlockKind; text: string; error?: boolean; timedOut?: boolean }> =
        [];
      let usage: Usage | null = null;
      let pythonMs = 0;
      const onEvent = (event: TraceEvent) => {
        if (event.type === 'block-start') blocks.push({ kind: event.kind, text: '' });
        else if (event.type === 'block-delta') blocks[blocks.length - 1]!.text += event.text;
        else if (event.type === 'block-end' && event.execution)
          Object.assign(blocks[blocks.length - 1]!, {
            error: event.execution.error,
            timedOut: event.execution.timedOut,
          });
        else if (event.type === 'usage') ({ usage, pythonMs } = event);
      };
      const outcome = await solve({
        problem: solution.problem,
        model: createPlaybackModel(solution, { format: mathcoderFormat, tokensPerSecond: 0 }),
        format: mathcoderFormat,
        runner: sandbox,
        signal: new AbortController().signal,
        onEvent,
      });
      const answer = 'answer' in outcome ? outcome.answer : null;
      const solved = {
        index,
        dataset: name,
        gold,
        answer,
        blocks,
        pythonMs,
        status: outcome.status,
      };
      const result = await gradeSolved(solved, checker);
      results.push(result);
      out.write(`${JSON.stringify({ id: record.id ?? index, ...result, usage, trace: blocks })}\n`);
      if ((index + 1) % 100 === 0) say(`eval: ${name} ${index + 1}/${lines.length}`);
    }
  } finally {
    sandbox.dispose();
    out.end();
  }
  const summary = summarize(name, results, (performance.now() - started) / 1000);
  return { summary, results, outFile };
}

async function main(): Promise<number> {
  if (values.dataset || values.model) {
    if (!values.dataset || !values.model) {
      say(
        'eval: --dataset <file> and --model <id> go together (--model test is the generated test model)',
      );
      return 2;
    }
    const { summary, outFile } = await evaluateLive({
      dataset: values.dataset,
      model: values.model,
      limit: values.limit ? Number(values.limit) : Infinity,
      out: values.out,
      dist: values.dist ?? 'dist',
      log: say,
    });
    process.stdout.write(`${JSON.stringify(summary)}\n`);
    say(
      `eval: ${summary.file} with ${summary.model}: ${summary.accuracy}% of ${summary.problems}, ` +
        `${summary.tokensPerSecond} tokens/s, ${summary.pythonSeconds} s in Python, ` +
        `${summary.blocksPerProblem} blocks per problem, ${summary.errors.length} errors; results in ${outFile}`,
    );
    return summary.failed > 0 ? 1 : 0;
  }
  const chosen = values.playback ?? values.replay;
  const files = chosen ?? DEFAULT_FILES.map((f) => path.join(DATA, 'mathcoder-traces', f));
  const missing = files.filter((f) => !existsSync(f));
  if (missing.length) {
    say(
      `eval: skipped, not found: ${missing.join(', ')} (set MATHCODER_DATA to the folder holding mathcoder-traces/)`,
    );
    return chosen ? 2 : 0;
  }
  const limit = values.limit ? Number(values.limit) : Infinity;
  const outDir = path.join('.cache', 'eval');
  // Each file has its own sandbox worker, so files share the machine's cores; one --out file takes them one at a time.
  await ensurePythonPrepared(say);
  const evaluations = inLanes(
    files,
    (file) => evaluateFile(file, limit, outDir),
    values.out ? 1 : undefined,
  );
  let failed = 0;
  for (const evaluation of evaluations) {
    const { summary, results, outFile } = await evaluation;
    process.stdout.write(`${JSON.stringify(summary)}\n`);
    for (const r of results.filter((x) => x.correct !== x.reference.verdict)) {
      say(
        `  #${r.index} gold ${r.gold}: ours ${r.correct ? 'right' : 'wrong'}, reference ${r.reference.verdict ? 'right' : 'wrong'} — ${disagreementReason(r)}`,
      );
    }
    say(
      `eval: ${summary.file}: ${summary.accuracy}% (reference grader ${summary.referenceAccuracy}%, paper ${summary.paperAccuracy ?? '–'}%), ` +
        `agreement ${summary.agreement}% (${summary.disagreements} differ); results in ${outFile}`,
    );
    failed += summary.failed;
    // The reference verdicts must land on the paper's figure, within the few cases its LaTeX parser decides.
    if (
      summary.paperAccuracy !== null &&
      Math.abs(summary.referenceAccuracy - summary.paperAccuracy) > 1
    ) {
      say(
        `eval: the reference grader's ${summary.referenceAccuracy}% is more than 1 point from the paper's ${summary.paperAccuracy}%`,
      );
      failed++;
    }
  }
  return failed > 0 ? 1 : 0;
}

// Expected failures (a model that cannot load, a missing build) are one line; anything else keeps its stack.
runMain('eval', main, (error) =>
  error instanceof Error
    ? ((error instanceof EvalError ? null : error.stack) ?? error.message)
    : String(error),
);

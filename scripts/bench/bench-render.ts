// How much main-thread time the trace view spends per streamed token, in headless Chromium on the production build.
// Usage: npm run bench:render   (build first; MATHCODER_DATA=../shared/data, RENDER_TRACE=<file>#<line>,
// RENDER_TOKENS_PER_SECOND=200, BENCH_DIST=dist, BENCH_PORT=4182 (the naive build on the port after it),
// RENDER_NAIVE_DIST=dist-render-naive, RENDER_NAIVE_BUILD=0 to reuse that build, RENDER_TRACE_OUT=<dir>,
// CHROMIUM_PATH, RENDER_HOSTILE=<name,…> for only those hostile traces and no recorded one, RENDER_SKIP_HOSTILE=1 for
// the recorded trace alone, RENDER_CHECK=1 to exit 1 when a hostile trace has a task over its 200 ms goal)
// A long recorded MathCoder trace is cut into model-sized tokens and streamed into the app's own trace store at
// 200 tokens a second, once through the production build's incremental renderer and once through the naive build's,
// which re-renders every block per token: the same source built with `--mode naive-render`, so that the production
// build's render paths check no switch.
// Main-thread time comes from the browser's own trace (every task on the page's main thread, as thread CPU time so
// that other processes on a busy machine do not count), split between the tokens applied in each stretch of at least
// 10 tokens; the longest task is wall time, and long tasks come from a PerformanceObserver in the page.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser } from '@playwright/test';
import type { BenchBlock, BenchPlayResult, RenderBench } from '../../src/app/render-bench.ts';
import { analyseTrace, type TraceFile } from './render-trace-analysis.ts';
import { hostileTraces } from './hostile-traces.ts';
import { CHROMIUM_PATH, QUIET_CHROMIUM_ARGS } from '../lib/chromium.ts';
import { startPreview, type PreviewServer } from '../servers/preview-server.ts';

const dataDir = process.env.MATHCODER_DATA ?? '../shared/data';
const traceRef = process.env.RENDER_TRACE ?? 'MathCoder-CL-7B_mathematics.jsonl#795';
const tokensPerSecond = Number(process.env.RENDER_TOKENS_PER_SECOND ?? 200);
const dist = process.env.BENCH_DIST ?? 'dist';
const naiveDist = process.env.RENDER_NAIVE_DIST ?? 'dist-render-naive';
const buildNaive = process.env.RENDER_NAIVE_BUILD !== '0';
const port = Number(process.env.BENCH_PORT ?? 4182);
const onlyHostile = process.env.RENDER_HOSTILE?.split(',').filter(Boolean) ?? null;
const skipHostile = process.env.RENDER_SKIP_HOSTILE === '1';
const check = process.env.RENDER_CHECK === '1';
const HOSTILE_GOAL_MS = 200;
// The mode src/ui/trace/naive-render.ts looks for; a build that missed it says so through play() and stops the run.
const NAIVE_RENDER_MODE = 'naive-render';
const executablePath = CHROMIUM_PATH;
const args = QUIET_CHROMIUM_ARGS;
// Top-level tasks and the page's marks only: the timeline categories cost the page time of their own.
const TRACE_CATEGORIES = ['toplevel', 'blink.user_timing'];
const DETAILED_CATEGORIES = ['devtools.timeline', 'disabled-by-default-devtools.timeline'];
// Roughly how a Llama tokenizer cuts text: short word pieces, single digits, single symbols, runs of spaces.
const TOKEN = /\s?[A-Za-z]{1,8}|\s?\d|\s?[^\sA-Za-z\d]|\s+/g;

const say = (line: string) => process.stderr.write(`${line}\n`);
const round = (value: number) => Number(value.toFixed(value < 10 ? 3 : 1));
const emit = (name: string, value: number, unit: string, goal: number | null, extra = {}) =>
  console.log(JSON.stringify({ name, value: round(value), unit, goal, ...extra }));

interface Recorded {
  problem: string;
  blocks: BenchBlock[];
}

/** One line of MathCoder's recorded outputs, with its blocks cut into tokens. */
function readTrace(ref: string): Recorded {
  const [file, line] = ref.split('#');
  const path = join(dataDir, 'mathcoder-traces', file ?? '');
  if (!existsSync(path)) throw new Error(`no trace file ${path} (set MATHCODER_DATA)`);
  const record = JSON.parse(
    readFileSync(path, 'utf8').split('\n')[Number(line ?? 0)] ?? 'null',
  ) as {
    debug_result?: Array<{ type?: string; role?: string; content?: unknown }>;
  } | null;
  if (!record?.debug_result) throw new Error(`${ref} is not a MathCoder record`);
  let problem = '';
  const blocks: BenchBlock[] = [];
  for (const entry of record.debug_result) {
    const kind = entry.type ?? entry.role;
    if (typeof entry.content !== 'string') continue;
    if (kind === 'user') problem ||= entry.content;
    if (kind !== 'text' && kind !== 'code' && kind !== 'execution') continue;
    const tokens = entry.content.match(TOKEN) ?? [];
    if (tokens.join('') !== entry.content) throw new Error('tokenizer lost characters');
    blocks.push({ kind, tokens });
  }
  return { problem, blocks };
}

async function measure(browser: Browser, origin: string, recorded: Recorded, naive: boolean) {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await page.goto(`${origin}/?benchRender`);
  // Python's start-up burns CPU for seconds; the stream starts once it is done.
  await page
    .getByRole('status', { name: 'Python status' })
    .filter({ hasText: /ready/ })
    .waitFor({ timeout: 90_000 });
  await page.waitForFunction(() => 'renderBench' in window);
  const keep = process.env.RENDER_TRACE_OUT;
  await browser.startTracing(page, {
    categories: keep ? [...TRACE_CATEGORIES, ...DETAILED_CATEGORIES] : TRACE_CATEGORIES,
  });
  const played = await page.evaluate(
    ({ problem, blocks, options }) =>
      (window as unknown as { renderBench: RenderBench }).renderBench.play(
        problem,
        blocks,
        options,
      ),
    { problem: recorded.problem, blocks: recorded.blocks, options: { tokensPerSecond } },
  );
  // A stale or mixed-up build would measure one path under the other's name.
  if (played.naive !== naive) {
    throw new Error(`${origin} served the ${played.naive ? 'naive' : 'incremental'} build`);
  }
  // Formulas typeset off the main thread are inserted when they arrive: the trace waits for the last of them.
  await page.waitForFunction(() => !document.querySelector('.trace .math-typesetting'), null, {
    timeout: 60_000,
  });
  const raw = await browser.stopTracing();
  // RENDER_TRACE_OUT=dir keeps the browser traces for a look in the DevTools performance panel.
  if (keep) {
    writeFileSync(join(keep, `render-${naive ? 'naive' : 'incremental'}.json`), raw);
  }
  const trace = JSON.parse(raw.toString('utf8')) as TraceFile;
  const formulas = await page.locator('.trace .katex-mathml math').count();
  await page.close();
  return { played, figures: analyseTrace(trace), formulas };
}

function report(prefix: string, goals: boolean, run: Awaited<ReturnType<typeof measure>>) {
  const { figures, played } = run;
  const extra: { tokens: number; seconds: number; formulas: number; ticks: number } = {
    tokens: played.tokens,
    seconds: round(played.elapsedMs / 1000),
    formulas: run.formulas,
    ticks: played.ticks,
  };
  const goal = (value: number) => (goals ? value : null);
  emit(`${prefix}:main_thread_ms_per_token_p50`, figures.p50, 'ms', goal(1), extra);
  emit(`${prefix}:main_thread_ms_per_token_p95`, figures.p95, 'ms', goal(1));
  emit(`${prefix}:main_thread_ms_per_token_mean`, figures.mean, 'ms', null, {
    wall_ms: round(figures.meanWall),
  });
  emit(`${prefix}:longest_task`, figures.longestTask, 'ms', goal(50), {
    cpu_ms: round(figures.longestTaskCpu),
  });
  emit(`${prefix}:long_tasks`, longTaskCount(played), 'tasks over 50 ms', goal(0), {
    over_50_ms_of_cpu: figures.longTasksCpu,
  });
}

const longTaskCount = (played: BenchPlayResult) => played.longTasks.length;

async function main(): Promise<void> {
  if (!existsSync(join(dist, 'index.html'))) throw new Error(`no ${dist}/: build first`);
  const recorded = readTrace(traceRef);
  const tokens = recorded.blocks.reduce(
    (n, b) => n + (b.kind === 'execution' ? 0 : b.tokens.length),
    0,
  );
  say(
    `bench:render: ${traceRef}, ${recorded.blocks.length} blocks, ${tokens} tokens at ${tokensPerSecond}/s`,
  );
  if (!onlyHostile && buildNaive) {
    say(`bench:render: building the naive build into ${naiveDist}`);
    execFileSync('npx', ['vite', 'build', '--mode', NAIVE_RENDER_MODE, '--outDir', naiveDist], {
      stdio: 'pipe',
    });
  }
  let server: PreviewServer | null = null;
  let naiveServer: PreviewServer | null = null;
  let browser: Browser | null = null;
  try {
    server = await startPreview(dist, port);
    if (!onlyHostile) naiveServer = await startPreview(naiveDist, port + 1);
    browser = await chromium.launch({ executablePath, args });
    if (naiveServer) {
      report('render', true, await measure(browser, server.origin, recorded, false));
      report('render-naive', false, await measure(browser, naiveServer.origin, recorded, true));
    }
    // Traces built to stall the renderer: no task of the page may take over 200 ms.
    const over: string[] = [];
    for (const hostile of skipHostile ? [] : hostileTraces()) {
      if (onlyHostile && !onlyHostile.includes(hostile.name)) continue;
      const run = await measure(browser, server.origin, hostile, false);
      const name = `render-hostile:${hostile.name}:longest_task`;
      emit(name, run.figures.longestTaskToEnd, 'ms', HOSTILE_GOAL_MS, {
        cpu_ms: round(run.figures.longestTaskToEndCpu),
        seconds: round(run.played.elapsedMs / 1000),
        formulas: run.formulas,
        tasks_over_200_ms: run.played.longTasks.filter((ms) => ms > HOSTILE_GOAL_MS).length,
      });
      if (run.figures.longestTask > HOSTILE_GOAL_MS)
        over.push(`${name} ${round(run.figures.longestTask)} ms`);
    }
    if (check && over.length > 0) {
      say(`bench:render: over the ${HOSTILE_GOAL_MS} ms goal: ${over.join(', ')}`);
      process.exitCode = 1;
    }
  } finally {
    await browser?.close();
    server?.stop();
    naiveServer?.stop();
  }
}

main().catch((error: unknown) => {
  console.error(`bench:render: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});

// Live evaluation: the built app's own loader, solve loop and sandbox solve in headless Chromium (`?exposeTutor`); Node grades.
import { createWriteStream, existsSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Page } from '@playwright/test';
import { preview } from 'vite';
import { TEST_MODEL_ID, listModels } from '../../src/engine/models/catalog.ts';
import type { EvalSolveResult, TutorEval } from '../../src/app/eval-hook.ts';
import { gradeSolved, summarizeLive, type LiveSummary } from './eval-report.ts';
import { createNodeChecker, startNodeSandbox } from './eval-python.ts';
import { buildTestModel } from '../test-model/tutor-test-model.ts';
import { CHROMIUM_PATH, QUIET_CHROMIUM_ARGS } from '../lib/chromium.ts';

/** An expected failure: printed as one line, no stack. */
export class EvalError extends Error {}

interface BenchmarkLine {
  id?: string | number;
  messages: Array<{ role: string; content: Array<{ type: string; content: string }> | string }>;
  ground_truth: { answer: unknown };
}

/** `--model test` is the generated test GGUF; it is served at the path the e2e tests use. */
const TEST_MODEL_PATH = '/test-models/tutor-test.gguf';
const PORT = 4190;

export function problemText(line: BenchmarkLine): string {
  return line.messages
    .filter((m) => m.role === 'user')
    .map((m) =>
      typeof m.content === 'string' ? m.content : m.content.map((c) => c.content).join('\n'),
    )
    .join('\n');
}

function resolveModel(id: string): string {
  if (id === 'test' || id === TEST_MODEL_ID) return TEST_MODEL_ID;
  const known = listModels().map((m) => m.id);
  if (!known.includes(id))
    throw new EvalError(`unknown model ${id}; choose test or one of ${known.join(', ')}`);
  return id;
}

function toStatus(r: EvalSolveResult): string {
  if (r.status === 'done') return r.capped ? 'capped' : 'finished';
  return r.status;
}

export interface LiveOptions {
  dataset: string;
  model: string;
  limit: number;
  out?: string;
  dist: string;
  log: (line: string) => void;
}

export async function evaluateLive(
  o: LiveOptions,
): Promise<{ summary: LiveSummary; outFile: string }> {
  const modelId = resolveModel(o.model);
  if (!existsSync(o.dataset)) throw new EvalError(`dataset not found: ${o.dataset}`);
  if (!existsSync(path.join(o.dist, 'index.html')))
    throw new EvalError(`no build in ${o.dist}/: run \`npm run build\` first`);
  const name = path.basename(o.dataset, '.jsonl');
  const lines = readFileSync(o.dataset, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .slice(0, o.limit)
    .map((l) => JSON.parse(l) as BenchmarkLine);
  const outFile = o.out ?? path.join('.cache', 'eval', `${name}.${o.model}.jsonl`);
  mkdirSync(path.dirname(outFile), { recursive: true });

  const server = await preview({
    build: { outDir: o.dist },
    preview: { port: PORT, strictPort: false },
    // No index.html fallback: a missing model file must be a 404, not a page.
    appType: 'mpa',
    logLevel: 'silent',
  });
  const base = server.resolvedUrls?.local[0] ?? `http://localhost:${PORT}/`;
  const browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [...QUIET_CHROMIUM_ARGS, '--enable-unsafe-webgpu'],
  });
  const sandbox = startNodeSandbox(o.log);
  const out = createWriteStream(outFile);
  try {
    const page = await browser.newPage();
    page.on('pageerror', (error) => o.log(`eval: page error: ${error.message}`));
    let query = '?exposeTutor';
    if (modelId === TEST_MODEL_ID) {
      // Generated here so the test model needs no earlier `npm run make:test-gguf`.
      const bytes = Buffer.from(buildTestModel().bytes);
      await page.route(
        (url) => url.pathname === TEST_MODEL_PATH,
        (route) => route.fulfill({ body: bytes, contentType: 'application/octet-stream' }),
      );
      query += `&testModel=${TEST_MODEL_PATH}`;
    }
    await page.goto(new URL(query, base).href);
    await page
      .waitForFunction(() => 'tutorEval' in globalThis, null, { timeout: 30_000 })
      .catch(() => {
        throw new EvalError(`the build in ${o.dist}/ has no evaluation hook: rebuild it`);
      });
    const loaded = await page.evaluate(
      (id) => (globalThis as unknown as { tutorEval: TutorEval }).tutorEval.loadModel(id),
      modelId,
    );
    if (!loaded.ok) throw new EvalError(`cannot load ${o.model}: ${loaded.error.message}`);
    o.log(
      `eval: ${o.model} loaded (${loaded.runtime ?? 'runtime unknown'}); ${lines.length} problems`,
    );

    const checker = createNodeChecker(await sandbox);
    const results: Parameters<typeof summarizeLive>[2] = [];
    const started = performance.now();
    for (const [index, line] of lines.entries()) {
      const gold = String(line.ground_truth.answer);
      const solved = await solveOne(page, problemText(line));
      const answer = solved.answer;
      const blocks = solved.blocks.map((b) => ({ ...b, ...b.execution }));
      const problem = { index, dataset: name, gold, answer, blocks, pythonMs: solved.pythonMs };
      const result = await gradeSolved({ ...problem, status: toStatus(solved) }, checker);
      const id = line.id ?? index;
      const error = solved.error?.message ?? null;
      results.push({ ...result, id, usage: solved.usage, error });
      out.write(
        `${JSON.stringify({ id, ...result, error, usage: solved.usage, notices: solved.notices, trace: solved.blocks })}\n`,
      );
      o.log(
        `eval: ${index + 1}/${lines.length} ${result.status}, answer ${answer ?? '–'} (gold ${gold})`,
      );
    }
    const wall = (performance.now() - started) / 1000;
    return {
      summary: summarizeLive(name, { id: o.model, runtime: loaded.runtime }, results, wall),
      outFile,
    };
  } finally {
    out.end();
    await browser.close();
    await new Promise<void>((resolve) => server.httpServer.close(() => resolve()));
    await sandbox.then((s) => s.dispose()).catch(() => undefined);
  }
}

async function solveOne(page: Page, problem: string): Promise<EvalSolveResult> {
  return page.evaluate(
    (p) => (globalThis as unknown as { tutorEval: TutorEval }).tutorEval.solve(p),
    problem,
  );
}

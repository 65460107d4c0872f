// A full-size model through the whole app, and raw wllama beside it: a generated GGUF with MathCoder-L-7B's exact
// shapes (constant weights), downloaded from a local stand-in hub, stored, loaded, then the MathCoder prompt prefilled
// and 16 tokens decoded, on software WebGPU and on the CPU, with wllama alone on the same parts and the settings the
// app chose taking turns with it. One JSON line per figure, named `scale:…`.
// Each backend tries a public Q4_K_M conversion's tensor types first (4.08 GB; `--model`), then, when the app cannot
// load it, the Q4_0 file (3.79 GB; `--fallback-model`), the smaller quantization a user would be told to pick; the CPU
// starts at `--cpu-model` (default: the Q4_0). Figures are named `scale:<backend>:<recipe>:…`.
// A file whose name says Qwen (make-full-size-gguf --shape qwen2.5-math-1.5b) is the ladder's small rung instead: served
// as its own repository, solved in Qwen2.5-Math's format, its figures named `scale:<backend>:qwen2.5-math-1.5b:q4_k_m:…`;
// `--context 4096` asks for the rung's context.
// Usage: npm run bench:scale [-- --model FILE] [--fallback-model FILE] [--cpu-model FILE] [--backends webgpu,cpu]
//        [--repeats 3] [--tokens 16] [--context N] [--no-build] [--load-timeout S] [--solve-timeout S]
// Not part of `npm run bench`: at full size it takes over 10 minutes (BENCHMARKS.md gives the time).
// SCALE_GGUF and SCALE_FALLBACK_GGUF name the files (default under bench-out/, written when missing); `--layers N` below
// 32 writes smaller ones, a development shortcut whose figures are not the model's.
import { routeModelList } from './bench-hub/route-model-list';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, openAsBlob, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { parseArgs } from 'node:util';
import { chromium, type Page } from '@playwright/test';
import { preview } from 'vite';
import type { EvalLoadResult, EvalSolveResult, TutorEval } from '../../src/app/eval-hook';
import { getFormat } from '../../src/engine/formats/get-format';
import { splitGguf } from '../../src/engine/gguf/gguf-split-builder';
import { DEFAULT_SPLIT_BYTES } from '../../src/engine/backends/wllama/split-for-llama-cpp';
import { MemoryWatch, findBrowserPid } from './bench-hub/process-memory';
import type { RawRun, RawWllamaApi } from './bench-scale/raw/raw-wllama';
import { rawParamsFromRuntime } from './bench-scale/raw-params';
import { CHROMIUM_PATH, QUIET_CHROMIUM_ARGS } from '../lib/chromium.ts';
import { startStandInHub } from '../servers/stand-in-hub';
import { DEFAULT_FULL_SIZE_GGUF, LLAMA_2_7B, type Recipe } from '../test-model/full-size-model';
import { makeFullSizeGguf, writeFullSizeGguf } from '../test-model/write-full-size-gguf';
import { qwenFullSizeModel } from '../test-model/qwen-full-size-model';
import type { FormatId } from '../../src/engine/formats/prompt-format';

const { values } = parseArgs({
  options: {
    model: {
      type: 'string',
      default: process.env.SCALE_GGUF ?? 'bench-out/mathcoder-l-7b-shaped-q4_k_m.gguf',
    },
    'fallback-model': {
      type: 'string',
      default: process.env.SCALE_FALLBACK_GGUF ?? DEFAULT_FULL_SIZE_GGUF,
    },
    // Default: the fallback (llama.cpp's 4 GiB WebAssembly heap holds a Q4_K_M's weights but no context beside them).
    'cpu-model': { type: 'string' },
    layers: { type: 'string', default: String(LLAMA_2_7B.layers) },
    dist: { type: 'string', default: 'dist-scale' },
    build: { type: 'boolean', default: true },
    backends: { type: 'string', default: 'webgpu,cpu' },
    tokens: { type: 'string', default: '16' },
    // Solves (and raw completions) per backend; the fastest counts.
    repeats: { type: 'string', default: '3' },
    problem: { type: 'string', default: 'What is the sum of the first 20 odd numbers?' },
    // Unset: the list entry names none and the app asks for its default.
    context: { type: 'string' },
    'load-timeout': { type: 'string', default: '900' },
    'solve-timeout': { type: 'string', default: '600' },
  },
  allowNegative: true,
});

type Backend = 'webgpu' | 'cpu';
const backends = values.backends
  .split(',')
  .filter((b): b is Backend => b === 'webgpu' || b === 'cpu');
const tokens = Number(values.tokens);
const repeats = Math.max(1, Number(values.repeats));
const loadLimitMs = Number(values['load-timeout']) * 1000;
const solveLimitMs = Number(values['solve-timeout']) * 1000;
/** The file one backend loads, and its name on the stand-in hub. */
interface Subject {
  path: string;
  recipe: Recipe;
  quantization: string;
  /** `mathcoder-l-7b` or `qwen2.5-math-1.5b`, from the file's name. */
  shape: string;
  repo: string;
  hubFile: string;
  format: FormatId;
}

const subjectsByPath = new Map<string, Subject>();
const subjectOf = (path: string, fallback: Recipe): Subject => {
  // A file that exists says its shape and recipe in its name (make-full-size-gguf's names); a missing one is written as
  // `fallback`.
  const qwen = /qwen/i.test(path);
  const named = (['q4_k_m', 'q3_k_m', 'q4_0'] as const).find((r) => path.toLowerCase().includes(r));
  const recipe: Recipe = qwen ? 'q4_k_m' : (named ?? fallback);
  const quantization = recipe.toUpperCase();
  const shape = qwen ? 'qwen2.5-math-1.5b' : 'mathcoder-l-7b';
  const subject = subjectsByPath.get(path) ?? {
    path,
    recipe,
    quantization,
    shape,
    repo: `bench/${shape}-shaped-GGUF`,
    hubFile: `${shape}-shaped.${quantization}.gguf`,
    format: qwen ? 'qwen-tir' : 'mathcoder',
  };
  subjectsByPath.set(path, subject);
  return subject;
};
const fallback = subjectOf(values['fallback-model'], 'q4_0');
const firstChoice: Record<Backend, Subject> = {
  webgpu: subjectOf(values.model, 'q4_k_m'),
  cpu: values['cpu-model'] ? subjectOf(values['cpu-model'], 'q4_k_m') : fallback,
};

/** One backend on one file; `name` begins each of its figures' names. */
interface Trial {
  backend: Backend;
  subject: Subject;
  name: string;
}

const trialsOf = (backend: Backend): Trial[] =>
  [...new Set([firstChoice[backend], fallback])].map((subject) => ({
    backend,
    subject,
    name:
      subject.shape === 'mathcoder-l-7b'
        ? `${backend}:${subject.recipe}`
        : `${backend}:${subject.shape}:${subject.recipe}`,
  }));
const subjects = [...new Set(backends.flatMap((b) => trialsOf(b).map((t) => t.subject)))];
const MODEL_ID = 'full-size-shaped-scale';
const say = (text: string) => process.stderr.write(`${text}\n`);
const benchStarted = Date.now();

/** One figure; `status` says `timeout` or `failed` (with how far it got in `detail`) instead of hanging or dying. */
function figure(
  name: string,
  value: number | null,
  unit: string,
  extra: { goal?: number | null; status?: string; detail?: string } = {},
) {
  const rounded = value === null || !Number.isFinite(value) ? null : Number(value.toFixed(3));
  const line = { name: `scale:${name}`, value: rounded, unit, goal: extra.goal ?? null };
  console.log(
    JSON.stringify({
      ...line,
      ...(extra.status ? { status: extra.status } : {}),
      ...(extra.detail ? { detail: extra.detail } : {}),
    }),
  );
}

/** Resolves with the promise's value, or `null` once `ms` have passed. */
async function within<T>(promise: Promise<T>, ms: number): Promise<T | null> {
  let timer: NodeJS.Timeout | undefined;
  const limit = new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), ms)));
  try {
    return await Promise.race([promise, limit]);
  } finally {
    clearTimeout(timer);
  }
}

const seconds = (since: number) => (Date.now() - since) / 1000;

function prepare() {
  const layers = Number(values.layers);
  for (const { path, recipe, shape } of subjects) {
    if (existsSync(path)) continue;
    say(`Writing ${path} (${shape}, ${recipe}, constant weights)…`);
    if (shape === 'qwen2.5-math-1.5b') writeFullSizeGguf(path, qwenFullSizeModel());
    else makeFullSizeGguf(path, layers, recipe);
  }
  if (values.build) {
    say(`Building the app into ${values.dist} and the wllama-only page beside it…`);
    const quiet: { stdio: ['ignore', 'ignore', 'inherit'] } = {
      stdio: ['ignore', 'ignore', 'inherit'],
    };
    execFileSync('npx', ['vite', 'build', '--outDir', values.dist], quiet);
    execFileSync(
      'npx',
      [
        'vite',
        'build',
        '--config',
        'scripts/bench/bench-scale/vite.raw.config.ts',
        '--outDir',
        join(process.cwd(), values.dist, 'raw-wllama'),
      ],
      quiet,
    );
  }
  for (const path of [...subjects.map((s) => s.path), join(values.dist, 'index.html')]) {
    if (!existsSync(path)) throw new Error(`${path} is missing.`);
  }
}

/** Serves the split parts (Blob slices of the file, as the app makes them) to the wllama-only page. */
async function servePartsOf(model: string) {
  const { parts } = await splitGguf(await openAsBlob(model), DEFAULT_SPLIT_BYTES);
  const server = createServer((request, response) => {
    const index = Number(/^\/part\/(\d+)$/.exec(request.url ?? '')?.[1] ?? NaN);
    const part = parts[index];
    if (!part) return response.writeHead(404).end();
    response.writeHead(200, {
      'Content-Length': part.size,
      'Content-Type': 'application/octet-stream',
      'Access-Control-Allow-Origin': '*',
      'Cross-Origin-Resource-Policy': 'cross-origin',
    });
    Readable.fromWeb(part.stream() as never).pipe(response);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    urls: parts.map((_, i) => `http://127.0.0.1:${port}/part/${i}`),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** A fresh persistent profile (an off-the-record one cannot store hundreds of MB), watched for memory. */
async function launch(backend: Backend) {
  const userDataDir = mkdtempSync(join(tmpdir(), `scale-bench-${backend}-`));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [
      ...QUIET_CHROMIUM_ARGS,
      backend === 'cpu' ? '--disable-webgpu' : '--enable-unsafe-webgpu',
    ],
    // The stand-in's loopback ports are not in the page policy's connect-src.
    bypassCSP: true,
    serviceWorkers: 'block',
  });
  // The longest main-thread task since the last reset, for the load phases.
  await context.addInitScript(() => {
    const w = window as unknown as { longestTaskMs: number };
    w.longestTaskMs = 0;
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries())
        w.longestTaskMs = Math.max(w.longestTaskMs, entry.duration);
    }).observe({ type: 'longtask', buffered: true });
  });
  const browserPid = findBrowserPid(userDataDir);
  if (browserPid === null) throw new Error('Could not find the browser process to sample.');
  const memory = new MemoryWatch(browserPid);
  memory.start();
  const page = context.pages()[0] ?? (await context.newPage());
  return {
    context,
    page,
    memory,
    async close() {
      memory.stop();
      await context.close();
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

const resetLongestTask = (page: Page) =>
  page.evaluate(() => ((window as unknown as { longestTaskMs: number }).longestTaskMs = 0));
const longestTask = (page: Page) =>
  page.evaluate(() => (window as unknown as { longestTaskMs: number }).longestTaskMs);

/** One prefill and decode, as llama.cpp timed them, and the wall time around it. */
interface Speed {
  seconds: number;
  promptTokens: number | null;
  completionTokens: number | null;
  prefillTokensPerSecond: number | null;
  decodeTokensPerSecond: number | null;
  status: string;
}

const best = (runs: Speed[], key: 'prefillTokensPerSecond' | 'decodeTokensPerSecond') => {
  const speeds = runs.map((r) => r[key]).filter((v): v is number => v !== null);
  return speeds.length > 0 ? Math.max(...speeds) : null;
};

/** The fastest of the repeats (the machine is shared: the others were slowed by other work), all of them in `detail`. */
function reportSpeeds(prefix: string, runs: Speed[]) {
  const all = (key: 'prefillTokensPerSecond' | 'decodeTokensPerSecond') =>
    `best of ${runs.length}: ${runs.map((r) => r[key]?.toFixed(2) ?? 'null').join(', ')}`;
  const last = runs.at(-1)!;
  figure(`${prefix}_solve_seconds`, Math.min(...runs.map((r) => r.seconds)), 's', {
    detail: `${last.status}; ${runs.map((r) => r.seconds.toFixed(1)).join(', ')} s`,
  });
  figure(`${prefix}_prompt_tokens`, last.promptTokens, 'tokens');
  figure(`${prefix}_completion_tokens`, last.completionTokens, 'tokens');
  figure(`${prefix}_prefill_tokens_per_second`, best(runs, 'prefillTokensPerSecond'), 'tokens/s', {
    detail: all('prefillTokensPerSecond'),
  });
  figure(`${prefix}_decode_tokens_per_second`, best(runs, 'decodeTokensPerSecond'), 'tokens/s', {
    detail: all('decodeTokensPerSecond'),
  });
}

/** One Solve through the app's own loop; null when it did not end in time (it is stopped, and a line says how far it got). */
async function solveOnce(page: Page, prefix: string): Promise<Speed | null> {
  const started = Date.now();
  const solving = page.evaluate((p) => window.tutorEval!.solve(p), values.problem);
  const solved: EvalSolveResult | null = await within(solving, solveLimitMs);
  const took = seconds(started);
  if (!solved) {
    const written = await page.evaluate(() => document.querySelectorAll('[data-block]').length);
    await page
      .getByRole('button', { name: 'Stop' })
      .click({ timeout: 5000 })
      .catch(() => undefined);
    await within(solving, 30_000);
    const detail = `no end within ${took.toFixed(0)} s; ${written} trace block(s) shown; stopped`;
    figure(`${prefix}_solve_seconds`, null, 's', { status: 'timeout', detail });
    return null;
  }
  const usage = solved.usage;
  say(`  ${solved.status} in ${took.toFixed(1)} s: ${JSON.stringify(usage)}`);
  return {
    seconds: took,
    promptTokens: usage?.promptTokens ?? null,
    completionTokens: usage?.completionTokens ?? null,
    prefillTokensPerSecond: usage?.prefillTokensPerSecond ?? null,
    decodeTokensPerSecond: usage?.decodeTokensPerSecond ?? null,
    status: `${solved.status}${solved.capped ? ' (token cap)' : ''}`,
  };
}

/** A browser with the model loaded, solving on demand; figures for its memory are printed when it closes. */
interface Session {
  runtime: string;
  /** The context the app allocated, which its runtime line names only when it had to cut it. */
  contextLength?: number;
  run(): Promise<Speed | null>;
  close(): Promise<void>;
}

/** Loads the model through the app twice (download, then from storage), printing each figure; null if it failed. */
async function openApp(trial: Trial, base: string, hubUrl: string): Promise<Session | null> {
  const { backend, name } = trial;
  const b = await launch(backend);
  const close = async () => {
    const peaks = b.memory.stop();
    figure(`${name}:app_peak_tab_rss`, peaks.rendererRssMB, 'MB');
    figure(`${name}:app_peak_browser_total_rss`, peaks.totalRssMB, 'MB');
    await b.close();
  };
  await routeModelList(b.context, hubUrl, () => ({
    id: MODEL_ID,
    label: `${trial.subject.shape}-shaped ${trial.subject.quantization} test file (constant weights)`,
    quantization: trial.subject.quantization,
    hf: `${trial.subject.repo}:${trial.subject.quantization}`,
    promptFormat: trial.subject.format,
    ...(values.context ? { contextLength: Number(values.context) } : {}),
  }));
  const address = `${base}?exposeTutor&maxTokensPerBlock=${tokens}`;
  const load = async (visit: 'first_visit' | 'storage'): Promise<EvalLoadResult | null> => {
    if (visit === 'first_visit') await b.page.goto(address);
    else await b.page.reload();
    await b.page.waitForFunction(() => 'tutorEval' in window);
    await b.page.getByRole('combobox', { name: 'Model' }).selectOption(MODEL_ID);
    await resetLongestTask(b.page);
    const started = Date.now();
    const result = await within(
      b.page.evaluate((id) => window.tutorEval!.loadModel(id), MODEL_ID),
      loadLimitMs,
    );
    const took = seconds(started);
    const prefix = `${name}:${visit}`;
    if (!result) {
      const progress = await b.page
        .locator('.progress-text')
        .textContent({ timeout: 1000 })
        .catch(() => null);
      figure(`${prefix}_load_seconds`, null, 's', {
        status: 'timeout',
        detail: `not loaded after ${took.toFixed(0)} s; progress: ${progress ?? 'none'}`,
      });
      return null;
    }
    if (!result.ok) {
      figure(`${prefix}_load_seconds`, null, 's', {
        status: 'failed',
        detail: result.error.message,
      });
      return null;
    }
    figure(`${prefix}_load_seconds`, took, 's');
    figure(`${prefix}_longest_main_thread_task`, await longestTask(b.page), 'ms');
    figure(`${prefix}_context_tokens`, result.contextLength, 'tokens', {
      detail: result.runtime ?? undefined,
    });
    say(`  ${backend} ${visit}: loaded in ${took.toFixed(1)} s: ${result.runtime}`);
    return result;
  };
  try {
    say(`${name}: first visit (download, store, load)…`);
    const first = await load('first_visit');
    say(`${name}: visit from storage…`);
    const second = first && (await load('storage'));
    if (!second?.ok || !second.runtime) {
      await close();
      return null;
    }
    return {
      runtime: second.runtime,
      contextLength: second.contextLength ?? undefined,
      run: () => solveOnce(b.page, `${name}:app`),
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}

/** wllama alone on the same parts, with the settings the app's runtime line says it chose. */
async function openRaw(
  trial: Trial,
  base: string,
  partUrls: string[],
  runtime: string,
  contextLength?: number,
): Promise<Session | null> {
  const { backend, name } = trial;
  const b = await launch(backend);
  const close = async () => {
    const peaks = b.memory.stop();
    figure(`${name}:raw_peak_tab_rss`, peaks.rendererRssMB, 'MB');
    await b.close();
  };
  const format = getFormat(trial.subject.format);
  const rawRun: RawRun = {
    partUrls,
    params: {
      ...rawParamsFromRuntime(runtime),
      ...(contextLength ? { n_ctx: contextLength } : {}),
    },
    prompt: format.buildPrompt(values.problem),
    stop: [...format.stop],
    maxTokens: tokens,
  };
  say(`${name}: wllama alone with ${JSON.stringify(rawRun.params)}…`);
  await b.page.goto(new URL('raw-wllama/', base).href);
  await b.page.waitForFunction(() => 'rawWllama' in window);
  const loaded = await within(
    b.page.evaluate((r) => window.rawWllama!.load(r), rawRun),
    loadLimitMs,
  );
  if (!loaded) {
    figure(`${name}:raw_load_seconds`, null, 's', { status: 'timeout' });
    await close();
    return null;
  }
  figure(`${name}:raw_load_seconds`, loaded.loadSeconds, 's', {
    detail: `after ${loaded.fetchSeconds.toFixed(1)} s fetching the parts`,
  });
  figure(`${name}:raw_context_tokens`, loaded.contextLength, 'tokens');
  return {
    runtime,
    close,
    async run() {
      const started = Date.now();
      const done = await within(
        b.page.evaluate((r) => window.rawWllama!.complete(r), rawRun),
        solveLimitMs,
      );
      if (!done) {
        figure(`${name}:raw_solve_seconds`, null, 's', {
          status: 'timeout',
          detail: `no end within ${seconds(started).toFixed(0)} s`,
        });
        return null;
      }
      say(`  raw: ${JSON.stringify(done)}`);
      return { ...done, status: 'done' };
    },
  };
}

/**
 * The app and wllama alone, both loaded, take turns: on a shared machine the load changes from minute to minute, so
 * each app solve is followed by a raw completion and the fastest of each counts.
 */
async function compare(trial: Trial, base: string, hubUrl: string) {
  const app = await openApp(trial, base, hubUrl);
  if (!app) return { loaded: false, ratio: null };
  const parts = await servePartsOf(trial.subject.path);
  const raw = await openRaw(trial, base, parts.urls, app.runtime, app.contextLength).catch(
    async (error) => {
      await app.close();
      throw error;
    },
  );
  const appRuns: Speed[] = [];
  const rawRuns: Speed[] = [];
  try {
    for (let i = 0; i < repeats; i++) {
      say(`${trial.name}: turn ${i + 1}/${repeats}: "${values.problem}", ${tokens} tokens…`);
      const a = await app.run();
      if (a) appRuns.push(a);
      const r = raw ? await raw.run() : null;
      if (r) rawRuns.push(r);
      if (!a || (raw && !r)) break;
    }
  } finally {
    await raw?.close();
    await app.close();
    await parts.close();
  }
  if (appRuns.length > 0) reportSpeeds(`${trial.name}:app`, appRuns);
  if (rawRuns.length > 0) reportSpeeds(`${trial.name}:raw`, rawRuns);
  const appDecode = best(appRuns, 'decodeTokensPerSecond');
  const rawDecode = best(rawRuns, 'decodeTokensPerSecond');
  return { loaded: true, ratio: appDecode && rawDecode ? appDecode / rawDecode : null };
}

declare global {
  interface Window {
    tutorEval?: TutorEval;
    rawWllama?: RawWllamaApi;
  }
}

prepare();
for (const subject of subjects) {
  const named =
    subject.shape === 'mathcoder-l-7b' ? subject.recipe : `${subject.shape}:${subject.recipe}`;
  figure(`${named}:file_size`, statSync(subject.path).size / 1e6, 'MB', {
    detail: subject.path,
  });
}
say(`Hashing ${subjects.map((s) => s.path).join(', ')} for the stand-in hub…`);
const hub = await startStandInHub(
  subjects.map((s) => ({ repo: s.repo, file: s.hubFile, path: s.path })),
);
const server = await preview({
  build: { outDir: values.dist },
  preview: { port: Number(process.env.BENCH_PORT ?? 4391), strictPort: false },
  logLevel: 'silent',
});
const base = server.resolvedUrls?.local[0] ?? 'http://localhost:4391/';
const ratios: number[] = [];
try {
  for (const backend of backends) {
    for (const trial of trialsOf(backend)) {
      const { loaded, ratio } = await compare(trial, base, hub.hubUrl);
      if (!loaded) continue;
      figure(`${trial.name}:decode_ratio_app_to_raw`, ratio, 'ratio', { goal: 0.95 });
      if (ratio !== null) ratios.push(ratio);
      break;
    }
  }
  figure('decode_ratio_app_to_raw', ratios.length > 0 ? Math.min(...ratios) : null, 'ratio', {
    goal: 0.95,
    detail: `the lowest of ${backends.join(', ')}`,
  });
} finally {
  figure('run_seconds', seconds(benchStarted), 's');
  await hub.close();
  await new Promise<void>((resolve) => server.httpServer.close(() => resolve()));
}

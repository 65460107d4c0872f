// A full-size model through the whole app, and raw wllama beside it: a generated GGUF with MathCoder-L-7B's exact
// shapes and a public Q4_K_M conversion's tensor types (constant weights), downloaded from a local stand-in hub, stored,
// loaded, then one MathCoder prompt prefilled and 16 tokens decoded, on software WebGPU and on the CPU; then wllama
// alone on the same parts with the settings the app chose. One JSON line per figure, named `scale:…`.
// Usage: npm run bench:scale [-- --model FILE] [--backends webgpu,cpu] [--tokens 16] [--no-build]
//        [--load-timeout S] [--solve-timeout S]
// Not part of `npm run bench`: at full size it takes over 10 minutes (BENCHMARKS.md gives the time).
// SCALE_GGUF names the model file (default bench-out/mathcoder-l-7b-shaped-q4_k_m.gguf, made when missing);
// `--layers N` below 32 makes a smaller file, a development shortcut whose figures are not the model's.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, openAsBlob, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { parseArgs } from 'node:util';
import { chromium, type BrowserContext, type Page } from '@playwright/test';
import { preview } from 'vite';
import type { EvalLoadResult, EvalSolveResult, TutorEval } from '../src/app/eval-hook';
import { getFormat } from '../src/engine/formats/get-format';
import { splitGguf } from '../src/engine/models/gguf-split-builder';
import { DEFAULT_SPLIT_BYTES } from '../src/engine/backends/wllama/split-for-llama-cpp';
import { MemoryWatch, findBrowserPid } from './bench-hub/process-memory';
import type { RawCompletion, RawLoad, RawRun } from './bench-scale/raw/raw-wllama';
import { rawParamsFromRuntime } from './bench-scale/raw-params';
import { CHROMIUM_PATH, QUIET_CHROMIUM_ARGS } from './chromium.ts';
import { startStandInHub } from './stand-in-hub';
import { LLAMA_2_7B } from './test-model/full-size-model';
import { makeFullSizeGguf } from './test-model/write-full-size-gguf';

const { values } = parseArgs({
  options: {
    model: {
      type: 'string',
      default: process.env.SCALE_GGUF ?? 'bench-out/mathcoder-l-7b-shaped-q4_k_m.gguf',
    },
    layers: { type: 'string', default: String(LLAMA_2_7B.layers) },
    dist: { type: 'string', default: 'dist-scale' },
    build: { type: 'boolean', default: true },
    backends: { type: 'string', default: 'webgpu,cpu' },
    tokens: { type: 'string', default: '16' },
    // Solves (and raw completions) per backend; the fastest counts.
    repeats: { type: 'string', default: '3' },
    problem: { type: 'string', default: 'What is the sum of the first 20 odd numbers?' },
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
const REPO = 'bench/mathcoder-l-7b-shaped-GGUF';
const FILE = 'mathcoder-l-7b-shaped.Q4_K_M.gguf';
const MODEL_ID = 'mathcoder-l-7b-shaped-scale';
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
  if (!existsSync(values.model)) {
    say(`Writing ${values.model} (${layers} layers, Q4_K_M types, constant weights)…`);
    makeFullSizeGguf(values.model, layers, 'q4_k_m');
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
        'scripts/bench-scale/vite.raw.config.ts',
        '--outDir',
        join(process.cwd(), values.dist, 'raw-wllama'),
      ],
      quiet,
    );
  }
  for (const path of [values.model, join(values.dist, 'index.html')]) {
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

async function routeModelList(context: BrowserContext, url: string) {
  await context.route('**/models/models.json', (route) =>
    route.fulfill({
      json: {
        version: 1,
        models: [
          {
            id: MODEL_ID,
            label: 'MathCoder-L-7B-shaped Q4_K_M test file (constant weights)',
            format: 'gguf',
            quantization: 'Q4_K_M',
            url,
          },
        ],
      },
    }),
  );
}

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
  run(): Promise<Speed | null>;
  close(): Promise<void>;
}

/** Loads the model through the app twice (download, then from storage), printing each figure; null if it failed. */
async function openApp(backend: Backend, base: string, modelUrl: string): Promise<Session | null> {
  const b = await launch(backend);
  const close = async () => {
    const peaks = b.memory.stop();
    figure(`${backend}:app_peak_tab_rss`, peaks.rendererRssMB, 'MB');
    figure(`${backend}:app_peak_browser_total_rss`, peaks.totalRssMB, 'MB');
    await b.close();
  };
  await routeModelList(b.context, modelUrl);
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
    const prefix = `${backend}:${visit}`;
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
    say(`${backend}: first visit (download, store, load)…`);
    const first = await load('first_visit');
    say(`${backend}: visit from storage…`);
    const second = first && (await load('storage'));
    if (!second?.ok || !second.runtime) {
      await close();
      return null;
    }
    return {
      runtime: second.runtime,
      run: () => solveOnce(b.page, `${backend}:app`),
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}

/** wllama alone on the same parts, with the settings the app's runtime line says it chose. */
async function openRaw(
  backend: Backend,
  base: string,
  partUrls: string[],
  runtime: string,
): Promise<Session | null> {
  const b = await launch(backend);
  const close = async () => {
    const peaks = b.memory.stop();
    figure(`${backend}:raw_peak_tab_rss`, peaks.rendererRssMB, 'MB');
    await b.close();
  };
  const format = getFormat('mathcoder');
  const rawRun: RawRun = {
    partUrls,
    params: rawParamsFromRuntime(runtime),
    prompt: format.buildPrompt(values.problem),
    stop: [...format.stop],
    maxTokens: tokens,
  };
  say(`${backend}: wllama alone with ${JSON.stringify(rawRun.params)}…`);
  await b.page.goto(new URL('raw-wllama/', base).href);
  await b.page.waitForFunction(() => 'rawWllama' in window);
  const loaded = await within(
    b.page.evaluate((r) => window.rawWllama!.load(r), rawRun),
    loadLimitMs,
  );
  if (!loaded) {
    figure(`${backend}:raw_load_seconds`, null, 's', { status: 'timeout' });
    await close();
    return null;
  }
  figure(`${backend}:raw_load_seconds`, loaded.loadSeconds, 's', {
    detail: `after ${loaded.fetchSeconds.toFixed(1)} s fetching the parts`,
  });
  figure(`${backend}:raw_context_tokens`, loaded.contextLength, 'tokens');
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
        figure(`${backend}:raw_solve_seconds`, null, 's', {
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
async function compare(backend: Backend, base: string, modelUrl: string, partUrls: string[]) {
  const app = await openApp(backend, base, modelUrl);
  if (!app) return null;
  const raw = await openRaw(backend, base, partUrls, app.runtime).catch(async (error) => {
    await app.close();
    throw error;
  });
  const appRuns: Speed[] = [];
  const rawRuns: Speed[] = [];
  try {
    for (let i = 0; i < repeats; i++) {
      say(`${backend}: turn ${i + 1}/${repeats}: "${values.problem}", ${tokens} tokens…`);
      const a = await app.run();
      if (a) appRuns.push(a);
      const r = raw ? await raw.run() : null;
      if (r) rawRuns.push(r);
      if (!a || (raw && !r)) break;
    }
  } finally {
    await raw?.close();
    await app.close();
  }
  if (appRuns.length > 0) reportSpeeds(`${backend}:app`, appRuns);
  if (rawRuns.length > 0) reportSpeeds(`${backend}:raw`, rawRuns);
  const appDecode = best(appRuns, 'decodeTokensPerSecond');
  const rawDecode = best(rawRuns, 'decodeTokensPerSecond');
  return appDecode && rawDecode ? appDecode / rawDecode : null;
}

declare global {
  interface Window {
    tutorEval?: TutorEval;
    rawWllama?: {
      load(run: RawRun): Promise<RawLoad>;
      complete(run: RawRun): Promise<RawCompletion>;
    };
  }
}

prepare();
const fileBytes = statSync(values.model).size;
figure('file_size', fileBytes / 1e6, 'MB', {
  detail: `${values.model}, ${values.layers} layers`,
});
say(`Hashing ${values.model} for the stand-in hub…`);
const hub = await startStandInHub([{ repo: REPO, file: FILE, path: values.model }]);
const parts = await servePartsOf(values.model);
const server = await preview({
  build: { outDir: values.dist },
  preview: { port: 4391, strictPort: false },
  logLevel: 'silent',
});
const base = server.resolvedUrls?.local[0] ?? 'http://localhost:4391/';
const ratios: number[] = [];
try {
  for (const backend of backends) {
    const modelUrl = `${hub.hubUrl}/${REPO}/resolve/main/${FILE}`;
    const ratio = await compare(backend, base, modelUrl, parts.urls);
    figure(`${backend}:decode_ratio_app_to_raw`, ratio, 'ratio', { goal: 0.95 });
    if (ratio !== null) ratios.push(ratio);
  }
  figure('decode_ratio_app_to_raw', ratios.length > 0 ? Math.min(...ratios) : null, 'ratio', {
    goal: 0.95,
    detail: `the lowest of ${backends.join(', ')}`,
  });
} finally {
  figure('run_seconds', seconds(benchStarted), 's');
  await parts.close();
  await hub.close();
  await new Promise<void>((resolve) => server.httpServer.close(() => resolve()));
}

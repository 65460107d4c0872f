// llama.cpp in the tab against native llama.cpp on the same machine: the same GGUF (MathCoder-L-7B's shapes, constant
// Q4_0 weights) read by the app in headless Chromium on the CPU, by wllama alone with the settings the app chose, and by
// native llama.cpp (node-llama-cpp's prebuilt CPU binary) with the same threads, context, KV cache type and prompt,
// taking turns so that a shared machine's changing load falls on all three alike. One JSON line per figure.
// Usage: npm run bench:native [-- --layers 8] [--full] [--threads 1,2] [--tokens 16] [--repeats 2] [--candidates]
//        [--llama-builds] [--no-build] [--model FILE]
// `--layers 8` (default) is 7B's width and vocabulary with 8 of its 32 layers (1.06 GB); `--full` all 32 (3.8 GB).
// `--candidates` adds wllama variants (compat build, batch sizes, KV cache types) beside the raw run, figures named
// `native:candidate:<variant>:…`. `--llama-builds` (needs emscripten) adds llama.cpp built for WebAssembly
// with ggml's generic kernels, as wllama's build gets them, and with its SIMD kernels: `native:…_wasm_generic` and
// `native:…_wasm_simd`. Figures for the first thread count are `native:…`, for others `native:t<N>:…`.
import { execFileSync } from 'node:child_process';
import {
  copyFileSync,
  cpSync,
  existsSync,
  linkSync,
  mkdirSync,
  mkdtempSync,
  rmSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { chromium } from '@playwright/test';
import type { LoadModelParams } from '@wllama/wllama/esm/index.js';
import { preview } from 'vite';
import type { TutorEval } from '../../src/app/eval-hook';
import { getFormat } from '../../src/engine/formats/get-format';
import { TEST_MODEL_ID } from '../../src/engine/models/catalog';
import { buildLlamaWasm, LLAMA_BUILD_NAMES } from './bench-native/llama-wasm/build-llama-wasm';
import { runLlamaWasm, variantFolder } from './bench-native/llama-wasm/run-llama-wasm';
import { openNative, type NativeSpeed } from './bench-native/native-llama';
import { readPageLag, startPageLag, type PageLag } from './bench-native/page-lag';
import { coresForThreads } from '../../src/engine/backends/wllama/thread-count';
import type { RawRun, RawWllamaApi } from './bench-scale/raw/raw-wllama';
import { rawParamsFromRuntime } from './bench-scale/raw-params';
import { CHROMIUM_PATH, QUIET_CHROMIUM_ARGS } from '../lib/chromium.ts';
import { runMain, say } from '../lib/run-main.ts';
import { DEFAULT_FULL_SIZE_GGUF, LLAMA_2_7B } from '../test-model/full-size-model';
import { makeFullSizeGguf } from '../test-model/write-full-size-gguf';

const { values } = parseArgs({
  options: {
    layers: { type: 'string', default: '8' },
    full: { type: 'boolean', default: false },
    model: { type: 'string' },
    threads: { type: 'string', default: '1' },
    tokens: { type: 'string', default: '16' },
    repeats: { type: 'string', default: '2' },
    candidates: { type: 'boolean', default: false },
    'llama-builds': { type: 'boolean', default: false },
    // Solves decode `tokens` per model block; a constant-weight model never ends a block itself.
    problem: { type: 'string', default: 'What is the sum of the first 20 odd numbers?' },
    dist: { type: 'string', default: 'dist-native' },
    build: { type: 'boolean', default: true },
    'load-timeout': { type: 'string', default: '900' },
    'run-timeout': { type: 'string', default: '900' },
  },
  allowNegative: true,
});

const layers = values.full ? LLAMA_2_7B.layers : Number(values.layers);
const modelPath =
  values.model ??
  (layers === LLAMA_2_7B.layers
    ? DEFAULT_FULL_SIZE_GGUF
    : `bench-out/mathcoder-l-7b-shaped-${layers}-layers-q4_0.gguf`);
const threadCounts = values.threads.split(',').map(Number);
const tokens = Number(values.tokens);
const repeats = Math.max(1, Number(values.repeats));
const MODEL_URL_PATH = '/bench-native/model.gguf';
const DECODE_PAGE = 'scripts/bench/bench-native/llama-wasm/decode-page.html';

const kv = (type: 'f16' | 'q8_0' | 'q4_0') => ({ cache_type_k: type, cache_type_v: type });

/** A raw wllama run beside the app's settings, to measure one candidate cause of the gap. */
interface Variant {
  name: string;
  compat?: boolean;
  params?: Partial<LoadModelParams>;
}

const CANDIDATES: Variant[] = [
  { name: 'compat_build', compat: true },
  { name: 'f16_kv_flash_attn_off', params: { ...kv('f16'), flash_attn: false } },
  { name: 'f16_kv_flash_attn_on', params: { ...kv('f16'), flash_attn: true } },
  { name: 'q8_0_kv_flash_attn', params: { ...kv('q8_0'), flash_attn: true } },
  { name: 'q4_0_kv_flash_attn', params: { ...kv('q4_0'), flash_attn: true } },
  { name: 'batch_128', params: { n_batch: 128, n_ubatch: 128 } },
  { name: 'batch_2048', params: { n_batch: 2048, n_ubatch: 2048 } },
];

function figure(name: string, value: number | null, unit: string, goal: number | null = null) {
  const rounded = value === null || !Number.isFinite(value) ? null : Number(value.toFixed(3));
  console.log(JSON.stringify({ name: `native:${name}`, value: rounded, unit, goal }));
}

async function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const limit = new Promise<never>(
    (_, reject) =>
      (timer = setTimeout(() => reject(new Error(`${what}: no end within ${ms / 1000} s`)), ms)),
  );
  try {
    return await Promise.race([promise, limit]);
  } finally {
    clearTimeout(timer);
  }
}

function prepare() {
  if (!existsSync(modelPath)) {
    say(`Writing ${modelPath} (${layers} layers, Q4_0, constant weights)…`);
    makeFullSizeGguf(modelPath, layers, 'q4_0');
  }
  if (values.build) {
    say(`Building the app into ${values.dist} and the wllama-only page beside it…`);
    const quiet = { stdio: ['ignore', 'ignore', 'inherit'] as ['ignore', 'ignore', 'inherit'] };
    execFileSync('npx', ['vite', 'build', '--outDir', values.dist], quiet);
    const rawOut = join(process.cwd(), values.dist, 'raw-wllama');
    const rawConfig = 'scripts/bench/bench-scale/vite.raw.config.ts';
    execFileSync('npx', ['vite', 'build', '--config', rawConfig, '--outDir', rawOut], quiet);
  }
  if (values['llama-builds']) {
    const built = buildLlamaWasm('bench-out/llama-wasm');
    for (const variant of LLAMA_BUILD_NAMES) {
      const folder = join(values.dist, variantFolder(variant));
      cpSync(built[variant], folder, { recursive: true });
      copyFileSync(DECODE_PAGE, join(folder, 'index.html'));
    }
  }
  // The same file, same origin, for the app's test-model door and for the wllama-only page.
  const served = join(values.dist, MODEL_URL_PATH);
  mkdirSync(join(served, '..'), { recursive: true });
  rmSync(served, { force: true });
  try {
    linkSync(modelPath, served);
  } catch {
    copyFileSync(modelPath, served);
  }
}

/** Headless Chromium on the CPU, reporting the fewest cores for which the app's rule picks `threads`. */
async function launch(threads: number) {
  const userDataDir = mkdtempSync(join(tmpdir(), 'native-bench-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [...QUIET_CHROMIUM_ARGS, '--disable-webgpu'],
    serviceWorkers: 'block',
  });
  // As text: tsx's transform of a function here adds helpers the page lacks, and the script would fail unseen.
  await context.addInitScript({
    content: `Object.defineProperty(Navigator.prototype, 'hardwareConcurrency', { get: () => ${coresForThreads(threads)} });`,
  });
  const page = context.pages()[0] ?? (await context.newPage());
  return {
    context,
    page,
    async close() {
      await context.close();
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

interface Speed {
  promptTokens: number;
  prefillTokensPerSecond: number;
  decodeTokensPerSecond: number;
  lag?: PageLag;
}

async function openApp(base: string, threads: number) {
  const b = await launch(threads);
  await b.page.goto(`${base}?exposeTutor&maxTokensPerBlock=${tokens}&testModel=${MODEL_URL_PATH}`);
  await b.page.waitForFunction(() => 'tutorEval' in window);
  const result = await within(
    b.page.evaluate((id) => window.tutorEval!.loadModel(id), TEST_MODEL_ID),
    Number(values['load-timeout']) * 1000,
    'app load',
  );
  if (!result.ok || !result.runtime) {
    await b.close();
    throw new Error(`The app did not load the model: ${JSON.stringify(result)}`);
  }
  say(`  app: ${result.runtime}`);
  return {
    runtime: result.runtime,
    close: b.close,
    async run(): Promise<Speed> {
      await startPageLag(b.page);
      const solved = await within(
        b.page.evaluate((p) => window.tutorEval!.solve(p), values.problem),
        Number(values['run-timeout']) * 1000,
        'app solve',
      );
      const lag = await readPageLag(b.page);
      const u = solved.usage;
      if (!u?.prefillTokensPerSecond || !u.decodeTokensPerSecond)
        throw new Error(`The app's solve gave no speeds: ${solved.status} ${JSON.stringify(u)}`);
      return {
        promptTokens: u.promptTokens,
        prefillTokensPerSecond: u.prefillTokensPerSecond,
        decodeTokensPerSecond: u.decodeTokensPerSecond,
        lag,
      };
    },
  };
}

async function openRaw(
  base: string,
  threads: number,
  params: LoadModelParams,
  variants: Variant[],
) {
  const b = await launch(threads);
  await b.page.goto(new URL('raw-wllama/', base).href);
  await b.page.waitForFunction(() => 'rawWllama' in window);
  const format = getFormat('mathcoder');
  const runs: RawRun[] = variants.map((v) => ({
    id: v.name,
    compat: v.compat,
    partUrls: [new URL(MODEL_URL_PATH, base).href],
    params: { ...params, ...v.params },
    prompt: format.buildPrompt(values.problem),
    stop: [...format.stop],
    maxTokens: tokens,
  }));
  return {
    close: b.close,
    /** Loads each variant, runs one completion and unloads it (the 4 GiB heaps would not all fit at once). */
    async run(run: RawRun): Promise<Speed> {
      const limit = Number(values['run-timeout']) * 1000;
      await within(
        b.page.evaluate((r) => window.rawWllama!.load(r), run),
        limit,
        'raw load',
      );
      try {
        return await within(
          b.page.evaluate((r) => window.rawWllama!.complete(r), run),
          limit,
          `raw ${run.id}`,
        );
      } finally {
        await b.page.evaluate((r) => window.rawWllama!.unload(r), run);
      }
    },
    runs,
  };
}

const fastest = (speeds: Speed[], key: 'prefillTokensPerSecond' | 'decodeTokensPerSecond') =>
  speeds.length > 0 ? Math.max(...speeds.map((s) => s[key])) : null;
const ratio = (a: number | null, b: number | null) => (a !== null && b ? a / b : null);

async function compareAt(
  threads: number,
  base: string,
  native: Awaited<ReturnType<typeof openNative>>,
) {
  const prefix = threads === threadCounts[0] ? '' : `t${threads}:`;
  say(`${threads} thread(s): loading the model in the app…`);
  const app = await openApp(base, threads);
  const params = rawParamsFromRuntime(app.runtime);
  if (params.n_threads !== threads)
    throw new Error(`The app chose ${params.n_threads} thread(s) where ${threads} were asked.`);
  const variants: Variant[] = [{ name: 'raw' }, ...(values.candidates ? CANDIDATES : [])];
  const raw = await openRaw(base, threads, params, variants);
  const format = getFormat('mathcoder');
  const prompt = format.buildPrompt(values.problem).replace(/^<s>/, '');
  const settings = {
    threads: params.n_threads ?? threads,
    contextLength: params.n_ctx ?? 2048,
    cacheType: params.cache_type_k ?? 'f16',
    batchSize: 512,
  };
  const seen: Record<string, Speed[]> = { native: [], app: [] };
  const wasmBuilds = values['llama-builds'] ? await launch(threads) : null;
  try {
    for (let i = 0; i < repeats; i++) {
      say(`  turn ${i + 1}/${repeats}`);
      const n: NativeSpeed = await native.run(prompt, tokens, settings);
      say(`    native: ${JSON.stringify(n)}`);
      seen.native!.push(n);
      const a = await app.run();
      say(`    app: ${JSON.stringify(a)}`);
      seen.app!.push(a);
      for (const run of raw.runs) {
        const r = await raw.run(run);
        say(`    ${run.id}: ${JSON.stringify(r)}`);
        (seen[run.id!] ??= []).push(r);
      }
      for (const variant of wasmBuilds ? LLAMA_BUILD_NAMES : []) {
        const page = await wasmBuilds!.context.newPage();
        const w = await within(
          runLlamaWasm(page, {
            folder: variantFolder(variant),
            modelUrl: new URL(MODEL_URL_PATH, base).href,
            prompt,
            tokens,
            ...settings,
          }),
          Number(values['run-timeout']) * 1000,
          `wasm ${variant}`,
        ).finally(() => page.close());
        say(`    wasm_${variant}: ${JSON.stringify(w)}`);
        (seen[`wasm_${variant}`] ??= []).push(w);
      }
    }
  } finally {
    await wasmBuilds?.close();
    await raw.close();
    await app.close();
  }
  const f = (who: string, key: 'prefillTokensPerSecond' | 'decodeTokensPerSecond') =>
    fastest(seen[who] ?? [], key);
  figure(`${prefix}threads`, settings.threads, 'threads');
  figure(`${prefix}prompt_tokens_native`, seen.native![0]?.promptTokens ?? null, 'tokens');
  figure(`${prefix}prompt_tokens_app`, seen.app![0]?.promptTokens ?? null, 'tokens');
  const builds = wasmBuilds ? LLAMA_BUILD_NAMES.map((variant) => `wasm_${variant}`) : [];
  for (const who of ['native', 'app', 'raw', ...builds]) {
    figure(`${prefix}prefill_tok_s_${who}`, f(who, 'prefillTokensPerSecond'), 'tokens/s');
    figure(`${prefix}decode_tok_s_${who}`, f(who, 'decodeTokensPerSecond'), 'tokens/s');
  }
  // The page's worst moment over all turns: a rule that speeds the model must not freeze the page.
  const lags = seen.app!.flatMap((s) => (s.lag ? [s.lag] : []));
  const worst = (key: keyof PageLag) => (lags.length ? Math.max(...lags.map((l) => l[key])) : null);
  figure(`${prefix}app_page_lag_p95_ms`, worst('lagP95Ms'), 'ms');
  figure(`${prefix}app_page_lag_max_ms`, worst('lagMaxMs'), 'ms');
  figure(`${prefix}app_longest_task_ms`, worst('longestTaskMs'), 'ms');
  const nativePrefill = f('native', 'prefillTokensPerSecond');
  const nativeDecode = f('native', 'decodeTokensPerSecond');
  figure(
    `${prefix}prefill_ratio_app_to_native`,
    ratio(f('app', 'prefillTokensPerSecond'), nativePrefill),
    'ratio',
    0.3,
  );
  figure(
    `${prefix}decode_ratio_app_to_native`,
    ratio(f('app', 'decodeTokensPerSecond'), nativeDecode),
    'ratio',
    0.5,
  );
  figure(
    `${prefix}prefill_ratio_raw_to_native`,
    ratio(f('raw', 'prefillTokensPerSecond'), nativePrefill),
    'ratio',
  );
  figure(
    `${prefix}decode_ratio_raw_to_native`,
    ratio(f('raw', 'decodeTokensPerSecond'), nativeDecode),
    'ratio',
  );
  for (const [a, b] of wasmBuilds
    ? [
        ['wasm_simd', 'native'],
        ['wasm_simd', 'wasm_generic'],
        ['wasm_generic', 'raw'],
        ['wasm_simd', 'app'],
      ]
    : []) {
    for (const step of ['prefill', 'decode'] as const) {
      const key = `${step}TokensPerSecond` as const;
      figure(`${prefix}${step}_ratio_${a}_to_${b}`, ratio(f(a!, key), f(b!, key)), 'ratio');
    }
  }
  for (const v of values.candidates ? CANDIDATES : []) {
    const name = `${prefix}candidate:${v.name}`;
    figure(
      `${name}:prefill_ratio_to_raw`,
      ratio(f(v.name, 'prefillTokensPerSecond'), f('raw', 'prefillTokensPerSecond')),
      'ratio',
    );
    figure(
      `${name}:decode_ratio_to_raw`,
      ratio(f(v.name, 'decodeTokensPerSecond'), f('raw', 'decodeTokensPerSecond')),
      'ratio',
    );
  }
}

declare global {
  interface Window {
    tutorEval?: TutorEval;
    rawWllama?: RawWllamaApi;
  }
}

async function main(): Promise<number> {
  const started = Date.now();
  prepare();
  const native = await openNative(modelPath);
  const server = await preview({
    build: { outDir: values.dist },
    preview: { port: Number(process.env.BENCH_PORT ?? 4455), strictPort: false },
    logLevel: 'silent',
  });
  const base = server.resolvedUrls?.local[0] ?? 'http://localhost:4455/';
  try {
    figure('layers', layers, 'layers');
    for (const threads of threadCounts) await compareAt(threads, base, native);
  } finally {
    figure('run_seconds', (Date.now() - started) / 1000, 's');
    await native.close();
    await new Promise<void>((resolve) => server.httpServer.close(() => resolve()));
  }
  return 0;
}

runMain('bench:native', main);

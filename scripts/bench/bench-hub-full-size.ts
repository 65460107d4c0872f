// Time and peak memory to download a full-size one-file GGUF from the stand-in hub, check it, store it, split it and
// start llama.cpp in Chromium, then to load it again from browser storage, then one Solve; one JSON line per figure.
// Usage: npx tsx scripts/test-model/make-full-size-gguf.ts && npx vite build --outDir dist-hub-bench &&
//        npm run benchmark:hub-full-size [-- --model FILE] [--dist dist-hub-bench] [--context N] [--cpu]
// Not a `bench:*` script: it takes minutes and 8 GB of disk (the file and the browser's copy of it).
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { chromium, type Page } from '@playwright/test';
import { preview } from 'vite';
import { LoadPhases } from './bench-hub/load-phases';
import { MemoryWatch, findBrowserPid, type MemoryPeaks } from './bench-hub/process-memory';
import { routeModelList } from './bench-hub/route-model-list';
import { solveOnce } from './bench-hub/solve-first-token';
import { startStandInHub } from '../servers/stand-in-hub';
import { DEFAULT_FULL_SIZE_GGUF } from '../test-model/full-size-model';
import { CHROMIUM_PATH, QUIET_CHROMIUM_ARGS } from '../lib/chromium.ts';

const { values } = parseArgs({
  options: {
    model: { type: 'string', default: DEFAULT_FULL_SIZE_GGUF },
    dist: { type: 'string', default: 'dist-hub-bench' },
    // Unset: the models.json entry names none and the app asks for its default (2048).
    context: { type: 'string' },
    // Asked for on the visit after a load that failed with the first context.
    'fallback-context': { type: 'string', default: '512' },
    cpu: { type: 'boolean', default: false },
    'load-timeout': { type: 'string', default: '1800' },
    'solve-timeout': { type: 'string', default: '240' },
    port: { type: 'string', default: '4391' },
  },
});

const REPO = 'bench/mathcoder-l-7b-shaped-GGUF';
const FILE = 'mathcoder-l-7b-shaped.Q4_0.gguf';
const MODEL_ID = 'mathcoder-l-7b-shaped-hub';
const PROBLEM = 'What is 2 + 3?';
const say = (text: string) => process.stderr.write(`${text}\n`);

function figure(name: string, value: number | null, unit: string) {
  const rounded = value === null ? null : Number(value.toFixed(3));
  console.log(JSON.stringify({ name: `hub_full_size:${name}`, value: rounded, unit, goal: null }));
}

for (const [path, how] of [
  [values.model, 'npx tsx scripts/test-model/make-full-size-gguf.ts'],
  [join(values.dist, 'index.html'), `npx vite build --outDir ${values.dist}`],
] as const) {
  if (!existsSync(path)) {
    say(`${path} is missing: run \`${how}\` first.`);
    process.exit(1);
  }
}

interface Visit {
  loaded: boolean;
  /** The runtime line when loaded, the panel's error otherwise. */
  message: string;
  seconds: number;
  phases: LoadPhases;
  end: number;
  memory: MemoryPeaks;
  jsHeapMB: number;
}

/** Waits for "is loaded" or the load's error, whichever shows first. */
async function loadOutcome(
  page: Page,
  phases: LoadPhases,
  timeoutMs: number,
): Promise<{ loaded: boolean; message: string }> {
  const started = Date.now();
  const progress = page.locator('.progress-text');
  const loaded = page.getByText(/is loaded: /);
  const alert = page.getByRole('alert');
  while (Date.now() - started < timeoutMs) {
    if (await loaded.isVisible())
      return { loaded: true, message: (await loaded.textContent()) ?? '' };
    // Polled, not observed in the page: a quarter second is fine against phases of seconds to minutes.
    const text = await progress.textContent({ timeout: 1000 }).catch(() => null);
    if (text) phases.note(text);
    const stillLoading = text !== null;
    if (!stillLoading && (await alert.count()) > 0) {
      return { loaded: false, message: (await alert.first().innerText()).replace(/\s+/g, ' ') };
    }
    await page.waitForTimeout(250);
  }
  return { loaded: false, message: `not loaded within ${timeoutMs / 1000} s` };
}

const fileBytes = statSync(values.model).size;
say(
  `Model file: ${values.model}, ${(fileBytes / 1e9).toFixed(3)} GB; the stand-in hub hashes it first…`,
);
const hashStarted = Date.now();
const hub = await startStandInHub([{ repo: REPO, file: FILE, path: values.model }]);
say(`  sha256 ${hub.entries[0]!.sha256} in ${((Date.now() - hashStarted) / 1000).toFixed(1)} s`);
const server = await preview({
  build: { outDir: values.dist },
  preview: { port: Number(values.port), strictPort: false },
  logLevel: 'silent',
});
const base = server.resolvedUrls?.local[0] ?? `http://localhost:${values.port}/`;
// A persistent profile: Playwright's default context is off the record, where Cache.put of hundreds of MB fails.
const userDataDir = mkdtempSync(join(tmpdir(), 'hub-bench-profile-'));
const context = await chromium.launchPersistentContext(userDataDir, {
  executablePath: CHROMIUM_PATH,
  headless: true,
  args: [...QUIET_CHROMIUM_ARGS, values.cpu ? '--disable-webgpu' : '--enable-unsafe-webgpu'],
  // The stand-in's loopback ports are not in the page policy's connect-src (a build for a mirror names its host).
  bypassCSP: true,
  // The offline copy would download the whole app beside the model; it is not what is measured.
  serviceWorkers: 'block',
});

let contextLength = values.context ? Number(values.context) : undefined;
await routeModelList(context, hub.hubUrl, () => ({
  id: MODEL_ID,
  label: 'MathCoder-L-7B-shaped test file (constant weights)',
  quantization: 'Q4_0',
  hf: `${REPO}:Q4_0`,
  ...(contextLength ? { contextLength } : {}),
}));

try {
  const browserPid = findBrowserPid(userDataDir);
  if (browserPid === null) throw new Error('Could not find the browser process to sample.');
  const memory = new MemoryWatch(browserPid);
  const page = context.pages()[0] ?? (await context.newPage());
  const phases = new LoadPhases();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Performance.enable');
  let jsHeapMB = 0;
  const heapTimer = setInterval(() => {
    cdp
      .send('Performance.getMetrics')
      .then(({ metrics }) => {
        const used = metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? 0;
        jsHeapMB = Math.max(jsHeapMB, used / 2 ** 20);
      })
      .catch(() => undefined);
  }, 1000);

  const visit = async (first: boolean): Promise<Visit> => {
    if (first) await page.goto(base);
    else await page.reload();
    await page.getByRole('combobox', { name: 'Model' }).selectOption(MODEL_ID);
    phases.reset();
    jsHeapMB = 0;
    memory.start();
    const clicked = Date.now();
    await page.getByRole('button', { name: 'Load model' }).click();
    const outcome = await loadOutcome(page, phases, Number(values['load-timeout']) * 1000);
    const end = Date.now();
    const peaks = memory.stop();
    say(
      `  ${outcome.loaded ? 'loaded' : 'failed'} after ${((end - clicked) / 1000).toFixed(1)} s: ${outcome.message}`,
    );
    if (!outcome.loaded) say(`  last progress text: ${phases.lastText}`);
    const seen = [...phases.seen].map(
      ([phase, t]) => `${phase} +${((t - clicked) / 1000).toFixed(1)} s`,
    );
    say(
      `  phases: ${seen.join(', ') || 'none seen'}; renderer pids ${[...peaks.rendererPids].join(' ')}`,
    );
    return { ...outcome, seconds: (end - clicked) / 1000, phases, end, memory: peaks, jsHeapMB };
  };

  const report = (prefix: string, v: Visit, firstRendererPids?: Set<number>) => {
    figure(`${prefix}_seconds`, v.loaded ? v.seconds : null, 's');
    for (const phase of ['download', 'sha256', 'split', 'start', 'storage'] as const) {
      const span = v.phases.span(phase, v.end);
      if (span !== null) figure(`${prefix}_${phase}_seconds`, span, 's');
    }
    figure(`${prefix}_peak_renderer_rss`, v.memory.rendererRssMB, 'MB');
    // A reload may keep the tab's process, whose high-water mark then covers the first visit too.
    const freshTab = ![...v.memory.rendererPids].some((pid) => firstRendererPids?.has(pid));
    figure(`${prefix}_peak_renderer_hwm`, freshTab ? v.memory.rendererHwmMB : null, 'MB');
    figure(`${prefix}_peak_gpu_process_rss`, v.memory.gpuRssMB, 'MB');
    figure(`${prefix}_peak_browser_total_rss`, v.memory.totalRssMB, 'MB');
    figure(`${prefix}_peak_js_heap_used`, v.jsHeapMB, 'MB');
  };

  figure('file_size', fileBytes / 1e6, 'MB');
  say(`First visit (context ${contextLength ?? 'default'}): download, sha256, store, split, load…`);
  const first = await visit(true);
  report('first_visit', first);
  const firstPids = new Set(first.memory.rendererPids);
  if (!first.loaded && !values.context) {
    contextLength = Number(values['fallback-context']);
    say(`The default context failed; the next visit asks for ${contextLength} tokens.`);
  }

  say(`Visit from storage (context ${contextLength ?? 'default'}), hub requests counted…`);
  hub.requests.length = 0;
  const second = await visit(false);
  report('storage_visit', second, firstPids);
  figure('storage_visit_hub_requests', hub.requests.length, 'requests');
  if (hub.requests.length > 0)
    say(`  the visit from storage asked the hub: ${JSON.stringify(hub.requests)}`);

  if (second.loaded) {
    say(`Solve "${PROBLEM}" (constant weights: the text is garbage)…`);
    const solve = await solveOnce(page, PROBLEM, Number(values['solve-timeout']) * 1000);
    await page.screenshot({ path: 'bench-out/hub-full-size-solve.png', fullPage: true });
    say(
      `  ${solve.status} after ${solve.seconds.toFixed(1)} s, completion tokens ${solve.completionTokens}`,
    );
    figure('solve_first_token_seconds', solve.firstTokenSeconds, 's');
    figure('solve_completion_tokens', solve.completionTokens, 'tokens');
  }
  clearInterval(heapTimer);
  process.exitCode = second.loaded && hub.requests.length === 0 ? 0 : 1;
} finally {
  await context.close();
  await hub.close();
  await new Promise<void>((resolve) => server.httpServer.close(() => resolve()));
  rmSync(userDataDir, { recursive: true, force: true });
}

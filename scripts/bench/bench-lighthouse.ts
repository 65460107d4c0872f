// Lighthouse scores of the production build served by vite preview, and the size of the JavaScript the page must
// load before it can run. Usage: npm run bench:lighthouse   (build first; BENCH_DIST=dist, BENCH_PORT=4184,
// CHROME_PATH or CHROMIUM_PATH=/usr/bin/chromium, LIGHTHOUSE_PRESETS=mobile,desktop, LIGHTHOUSE_OUT=<dir>)
// Prints JSON lines {"name","value","unit","goal"}. Lighthouse's performance score comes from a simulated slow phone
// (mobile) or a simulated desktop, both scaled from what this machine measured: on a busy machine it reads low.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse, { desktopConfig } from 'lighthouse';
import { startPreview } from '../servers/preview-server.ts';

const dist = process.env.BENCH_DIST ?? 'dist';
const port = Number(process.env.BENCH_PORT ?? 4184);
const origin = `http://localhost:${port}`;
const chromePath = process.env.CHROME_PATH ?? process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const presets = (process.env.LIGHTHOUSE_PRESETS ?? 'mobile,desktop').split(',').filter(Boolean);
// The same quiet flags as the end-to-end tests: nothing reaches out to the network on its own.
const chromeFlags = [
  '--headless=new',
  '--no-sandbox',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
const CATEGORIES = { performance: 90, accessibility: 100, 'best-practices': 95 } as const;

const say = (line: string) => process.stderr.write(`${line}\n`);
const emit = (name: string, value: number, unit: string, goal: number | null, extra = {}) =>
  console.log(JSON.stringify({ name, value, unit, goal, ...extra }));

/** The module script and modulepreload links of index.html: what runs on the main thread before first render. */
export function initialScripts(html: string): string[] {
  const found = new Set<string>();
  for (const tag of html.match(/<(script|link)\b[^>]*>/g) ?? []) {
    const isModule = /^<script/.test(tag) && /type=["']module["']/.test(tag);
    const isPreload = /^<link/.test(tag) && /rel=["']modulepreload["']/.test(tag);
    const url = /(?:src|href)=["']([^"']+)["']/.exec(tag)?.[1];
    if ((isModule || isPreload) && url) found.add(url);
  }
  return [...found];
}

function initialJavaScript(): { gzipBytes: number; files: Record<string, number> } {
  const html = readFileSync(join(dist, 'index.html'), 'utf8');
  const base = process.env.BASE_PATH ?? '/';
  const files: Record<string, number> = {};
  let gzipBytes = 0;
  for (const url of initialScripts(html)) {
    const path = join(dist, url.startsWith(base) ? url.slice(base.length) : url);
    const size = gzipSync(readFileSync(path), { level: 9 }).length;
    files[url] = Math.round(size / 102.4) / 10;
    gzipBytes += size;
  }
  if (gzipBytes === 0) throw new Error(`${dist}/index.html loads no module script`);
  return { gzipBytes, files };
}

/**
 * Tries per preset, each in a Chromium of its own: Lighthouse sometimes misses the navigation's start (NO_NAVSTART) and
 * scores nothing, most often in a Chromium that already ran an audit.
 */
const ATTEMPTS = 3;

async function runLighthouse(preset: string) {
  for (let attempt = 1; ; attempt++) {
    const chrome = await chromeLauncher.launch({ chromePath, chromeFlags });
    let result: Awaited<ReturnType<typeof lighthouse>>;
    try {
      result = await lighthouse(
        `${origin}/`,
        {
          port: chrome.port,
          output: 'json',
          logLevel: 'error',
          onlyCategories: Object.keys(CATEGORIES),
        },
        preset === 'desktop' ? desktopConfig : undefined,
      );
    } finally {
      chrome.kill();
    }
    if (!result) throw new Error('Lighthouse returned no result');
    const error = result.lhr.runtimeError;
    if (!error) return result.lhr;
    if (attempt === ATTEMPTS) throw new Error(`Lighthouse: ${error.message}`);
    say(`bench:lighthouse: ${preset}: ${error.code ?? error.message}; trying again`);
  }
}

async function audit(preset: string): Promise<void> {
  const lhr = await runLighthouse(preset);
  for (const [id, goal] of Object.entries(CATEGORIES)) {
    const category = lhr.categories[id];
    const score = category?.score;
    if (typeof score !== 'number') throw new Error(`Lighthouse gave no ${id} score`);
    // The audits that cost points, so a low score says what to fix.
    const failing = (category?.auditRefs ?? [])
      .filter((ref) => ref.weight > 0 && (lhr.audits[ref.id]?.score ?? 1) < 0.9)
      .map((ref) => ref.id);
    emit(`lighthouse:${preset}:${id}`, Math.round(score * 100), 'score', goal, {
      ...(failing.length > 0 ? { losing: failing } : {}),
    });
  }
  for (const id of ['first-contentful-paint', 'largest-contentful-paint', 'total-blocking-time']) {
    const value = lhr.audits[id]?.numericValue;
    if (typeof value === 'number') {
      emit(`lighthouse:${preset}:${id}`, Math.round(value), 'ms', null);
    }
  }
  const shift = lhr.audits['cumulative-layout-shift']?.numericValue;
  if (typeof shift === 'number') {
    emit(`lighthouse:${preset}:cumulative-layout-shift`, Number(shift.toFixed(3)), '', 0.1);
  }
  // LIGHTHOUSE_OUT=dir keeps each full report, to see which audit cost what.
  if (process.env.LIGHTHOUSE_OUT) {
    writeFileSync(
      join(process.env.LIGHTHOUSE_OUT, `lighthouse-${preset}.json`),
      JSON.stringify(lhr),
    );
  }
}

async function main(): Promise<void> {
  if (!existsSync(join(dist, 'index.html'))) throw new Error(`no ${dist}/: build first`);
  const initial = initialJavaScript();
  emit('initial_js_gzip', Math.round(initial.gzipBytes / 102.4) / 10, 'KB', 150, {
    files: initial.files,
  });

  const server = await startPreview(dist, port);
  try {
    for (const preset of presets) {
      say(`bench:lighthouse: ${preset}`);
      await audit(preset);
    }
  } finally {
    server.stop();
  }
}

main().catch((error: unknown) => {
  console.error(`bench:lighthouse: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});

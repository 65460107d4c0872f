// How fast the sandbox is in headless Chromium on the production build (`vite build` output, `vite preview`).
// Usage: npm run bench:sandbox   (build first; CHROMIUM_PATH, BENCH_RUNS=3, BENCH_PORT=4180, BENCH_DIST=dist)
// Prints JSON lines {"name","value","unit","goal"}: sympy-ready after navigation (first and repeat visit),
// the round trip of `1+1` (median of 50), a typical SymPy cell (median of 5), and the time from a new problem
// (reset) to its first cell's result with the spare worker ready and not yet ready (median, p95; BENCH_PROBLEMS=20),
// with the memory the spare holds.
import { chromium, type Browser, type Page } from '@playwright/test';
import { SNAPSHOT_CACHE } from '../../src/sandbox/snapshot-store.ts';
import { startPreview } from '../servers/preview-server.ts';
import { CHROMIUM_PATH, QUIET_CHROMIUM_ARGS } from '../lib/chromium.ts';

const port = Number(process.env.BENCH_PORT ?? 4180);
const runs = Number(process.env.BENCH_RUNS ?? 3);
const problems = Number(process.env.BENCH_PROBLEMS ?? 20);
const dist = process.env.BENCH_DIST ?? 'dist';
const origin = `http://localhost:${port}`;
const url = `${origin}/?exposeSandbox`;
const executablePath = CHROMIUM_PATH;
const args = QUIET_CHROMIUM_ARGS;
const SYMPY_CELL =
  "from sympy import symbols, solve, integrate, sin, Rational\nx = symbols('x')\n" +
  'solve(x**2 - 5*x + 6, x), integrate(sin(x)**2, x), Rational(3, 7) + Rational(1, 3)';

interface Exposed {
  sandbox: {
    whenReady(): Promise<void>;
    run(code: string): Promise<{ text: string; error: boolean }>;
    timings: {
      pyodideMs: number;
      packagesMs: number;
      sympyMs: number;
      start?: 'snapshot' | 'full';
    } | null;
  };
}

const quantile = (values: number[], q: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * q))]!;
};
const median = (values: number[]) => quantile(values, 0.5);
const round = (ms: number) => Number(ms.toFixed(ms < 10 ? 2 : 0));
const emit = (name: string, value: number, goal: number | null, extra: object = {}) =>
  console.log(JSON.stringify({ name, value: round(value), unit: 'ms', goal, ...extra }));

/** Navigates and returns ms from navigation start until Python is ready with SymPy imported. */
async function readyAfterNavigation(page: Page) {
  await page.goto(url);
  return page.evaluate(async () => {
    const { sandbox } = window as unknown as Exposed;
    await sandbox.whenReady();
    return { ms: performance.now(), timings: sandbox.timings };
  });
}

/**
 * A repeat visit comes after the first has finished its background work: the memory snapshot stored and the
 * service worker (registered once the page settles) installed. Reloading in the middle measures contention.
 */
async function settled(page: Page): Promise<void> {
  await page.waitForTimeout(2000);
  // A string, not a function: tsx would wrap named helpers in __name(), which the page lacks.
  await page.evaluate(`(async () => {
    const deadline = Date.now() + 30000;
    while (Date.now() < deadline) {
      const cache = await caches.open(${JSON.stringify(SNAPSHOT_CACHE)});
      const stored = (await cache.keys()).length > 0;
      const registration = await navigator.serviceWorker?.getRegistration();
      const installing = Boolean(registration?.installing || registration?.waiting);
      if (stored && !installing) return;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  })()`);
}

/**
 * A new problem as the app starts one: reset(), then its first cell. Each problem first runs a cell, so the worker
 * is used. "Spare ready": the spare has said ready before the reset; "not ready": a second problem right after the
 * first, while the spare that replaced the first one's is still starting. A build without a spare (before) has only
 * the namespace reset, whichever the case.
 */
async function newProblems(page: Page): Promise<void> {
  const measured = (await page.evaluate(`(async () => {
    const { sandbox } = window;
    const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
    const spareReady = async () => {
      const deadline = Date.now() + 60000;
      while (sandbox.spare && !sandbox.spare.ready && Date.now() < deadline) await sleep(50);
    };
    const problem = async () => {
      const started = performance.now();
      await sandbox.reset();
      const output = await sandbox.run(${JSON.stringify('x = 6 * 7\nx')});
      if (output.text !== '42') throw new Error(output.text);
      return performance.now() - started;
    };
    const ready = [];
    const notReady = [];
    for (let i = 0; i < ${problems}; i++) {
      await spareReady();
      await sandbox.run(${JSON.stringify('import mpmath\nmpmath.mp.dps = 30')});
      ready.push(await problem());
      notReady.push(await problem());
    }
    await spareReady();
    return { ready, notReady, spare: sandbox.spare ?? null };
  })()`)) as {
    ready: number[];
    notReady: number[];
    spare: { memoryBytes: number | null; off: string | null } | null;
  };
  const figures = (values: number[]) => ({
    p95: round(quantile(values, 0.95)),
    runs: values.length,
  });
  emit('new-problem-first-cell-spare-ready-median', median(measured.ready), null, {
    ...figures(measured.ready),
    goalP95: 50,
  });
  emit('new-problem-first-cell-spare-not-ready-median', median(measured.notReady), null, {
    ...figures(measured.notReady),
  });
  const bytes = measured.spare?.memoryBytes ?? null;
  console.log(
    JSON.stringify({
      name: 'spare-worker-memory',
      value: bytes === null ? null : Math.round(bytes / 2 ** 20),
      unit: 'MiB',
      goal: null,
      note: 'WebAssembly memory + file image the spare reported; null: no spare in this build',
      off: measured.spare?.off ?? null,
    }),
  );
}

async function main(): Promise<void> {
  const server = await startPreview(dist, port);
  let browser: Browser | null = null;
  try {
    browser = await chromium.launch({ executablePath, args });
    const first: number[] = [];
    const repeat: number[] = [];
    let timings = null;
    let repeatTimings = null;
    for (let i = 0; i < runs; i++) {
      const context = await browser.newContext(); // empty HTTP cache and storage: a first visit
      const page = await context.newPage();
      const visit = await readyAfterNavigation(page);
      first.push(visit.ms);
      timings = visit.timings;
      await settled(page);
      const again = await readyAfterNavigation(page);
      repeat.push(again.ms);
      repeatTimings = again.timings;
      await context.close();
    }
    emit('sandbox-ready-first-visit', median(first), 4000, { runs: first.map(round), timings });
    emit('sandbox-ready-repeat-visit', median(repeat), 1000, {
      runs: repeat.map(round),
      timings: repeatTimings,
    });

    const page = await browser.newPage();
    await readyAfterNavigation(page);
    // A string, not a function: tsx would wrap named helpers in __name(), which the page lacks.
    const cells = (await page.evaluate(`(async () => {
      const { sandbox } = window;
      const trivial = [];
      const sympy = [];
      for (let i = 0; i < 60; i++) {
        const code = i < 55 ? '1+1' : ${JSON.stringify(SYMPY_CELL)};
        const started = performance.now();
        const output = await sandbox.run(code);
        if (output.error) throw new Error(output.text);
        (i < 55 ? trivial : sympy).push(performance.now() - started);
      }
      return { trivial: trivial.slice(5), sympy };
    })()`)) as { trivial: number[]; sympy: number[] };
    emit('cell-1+1-round-trip-median', median(cells.trivial), 5, {
      p90: round([...cells.trivial].sort((a, b) => a - b)[Math.floor(cells.trivial.length * 0.9)]!),
    });
    emit('cell-sympy-median', median(cells.sympy), null, { runs: cells.sympy.map(round) });
    await newProblems(page);
  } finally {
    await browser?.close();
    server.stop();
  }
}

main().catch((error: unknown) => {
  console.error(`bench:sandbox: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});

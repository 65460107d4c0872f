// Runs the cross-browser cases against one engine: starts both hosts, runs each case, prints one line per case,
// writes the engine's results for the README's table (npm run browsers:table) and ends with a failing exit code if
// any failed.
import { spawn } from 'node:child_process';
import { startPreview } from '../../scripts/servers/preview-server.ts';
import { cases, type Case, type Hosts } from './cases.ts';
import type { Driver, Page } from './driver.ts';
import { writeResults, type CaseResult, type EngineKey } from './results.ts';

const say = (line: string) => process.stdout.write(`${line}\n`);

/** Ends a detached process group; one that has already exited is stopped, not an error that loses the run's results. */
function stopGroup(pid: number | undefined) {
  try {
    if (pid) process.kill(-pid);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ESRCH') throw error;
  }
}

/** `scripts/servers/serve-static.ts` on `port`, resolved once it answers. */
async function startPlainHost(dist: string, port: number) {
  const server = spawn('npx', ['tsx', 'scripts/servers/serve-static.ts', dist, String(port)], {
    stdio: 'ignore',
    detached: true,
  });
  for (let i = 0; i < 150; i++) {
    const up = await fetch(`http://localhost:${port}/`).then(
      (r) => r.ok,
      () => false,
    );
    if (up) return { stop: () => stopGroup(server.pid) };
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`the plain host did not start on port ${port}`);
}

export interface RunOptions {
  /** Names the results file. */
  key: EngineKey;
  /** `port` serves the isolated build and `port + 1` the plain one. */
  port: number;
  dist: string;
  /** A regular expression that picks cases by name; a partial run writes no results. */
  only?: string;
  /** Puts something in front of the isolated host (WebKit's error recorder); its origin is what the cases open. */
  frontIsolated?: (origin: string) => Promise<{ origin: string; stop(): void }>;
}

export async function runCases(
  launch: () => Promise<Driver>,
  { key, port, dist, only, frontIsolated }: RunOptions,
): Promise<void> {
  const preview = await startPreview(dist, port);
  const front = frontIsolated
    ? await frontIsolated(preview.origin).catch((error: unknown) => {
        preview.stop();
        throw error;
      })
    : null;
  const server = {
    origin: front?.origin ?? preview.origin,
    stop: () => {
      front?.stop();
      preview.stop();
    },
  };
  const plain = await startPlainHost(dist, port + 1);
  const hosts: Hosts = { isolated: server.origin, plain: `http://localhost:${port + 1}`, dist };
  let failed = 0;
  let ran = 0;
  const results: CaseResult[] = [];
  const started = Date.now();
  const driver = await launch().catch((error: unknown) => {
    server.stop();
    plain.stop();
    throw error;
  });
  try {
    for (const test of cases.filter((c) => !only || new RegExp(only).test(c.name))) {
      ran++;
      // A browser that hangs under a virtual display now and then should not fail the run: a failed case gets one
      // more try in a fresh session, and the report says so with the first error.
      let firstError: string | null = null;
      for (let attempt = 1; attempt <= 2; attempt++) {
        const at = Date.now();
        const outcome = await runOnce(test, driver, hosts);
        const seconds = ((Date.now() - at) / 1000).toFixed(1);
        if (outcome.passed) {
          const retried = firstError ? ` on a second try; the first failed: ${firstError}` : '';
          say(`  ✓ [${driver.engine}] ${test.name}: ${outcome.cell} (${seconds}s)${retried}`);
          results.push({ name: test.name, passed: true, cell: outcome.cell });
          break;
        }
        if (attempt === 2 || firstError !== null) {
          failed++;
          say(`  ✘ [${driver.engine}] ${test.name}\n    ${outcome.error}`);
          results.push({ name: test.name, passed: false, cell: outcome.error });
          break;
        }
        firstError = outcome.error;
      }
    }
  } finally {
    await driver.close();
    server.stop();
    plain.stop();
  }
  const seconds = Math.round((Date.now() - started) / 1000);
  say(`${ran - failed} passed, ${failed} failed (${seconds} s)`);
  if (!only) say(`results: ${writeResults(key, { engine: driver.engine, seconds, results })}`);
  if (failed) process.exitCode = 1;
}

/** Longer than any case's own waits add up to. */
const CASE_SECONDS = 180;

type Outcome = { passed: true; cell: string } | { passed: false; error: string };

/** Runs one case. Pages a failing case left open are closed, so the next one gets a session. */
async function runOnce(test: Case, driver: Driver, hosts: Hosts): Promise<Outcome> {
  const opened: Page[] = [];
  const tracked: Driver = {
    engine: driver.engine,
    newPage: async (options) => {
      const page = await driver.newPage(options);
      opened.push(page);
      return page;
    },
    close: () => driver.close(),
  };
  let timer: ReturnType<typeof setTimeout> | undefined;
  // A browser that stops answering must not hold the run: each step has its own wait, but a driver call may not.
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`the case took over ${CASE_SECONDS} s`)),
      CASE_SECONDS * 1000,
    );
  });
  try {
    return {
      passed: true,
      cell: (await Promise.race([test.run(tracked, hosts), timeout])) || 'yes',
    };
  } catch (error) {
    return { passed: false, error: error instanceof Error ? error.message : String(error) };
  } finally {
    clearTimeout(timer);
    await Promise.all(opened.map((page) => page.close().catch(() => undefined)));
  }
}

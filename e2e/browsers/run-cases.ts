// Runs the cross-browser cases against one engine: starts both hosts, runs each case, prints one line per case and
// ends with a failing exit code if any failed.
import { spawn } from 'node:child_process';
import { startPreview } from '../../scripts/preview-server.ts';
import { cases, type Case, type Hosts } from './cases.ts';
import type { Driver, Page } from './driver.ts';

const say = (line: string) => process.stdout.write(`${line}\n`);

/** `scripts/serve-static.ts` on `port`, resolved once it answers. */
async function startPlainHost(dist: string, port: number) {
  const server = spawn('npx', ['tsx', 'scripts/serve-static.ts', dist, String(port)], {
    stdio: 'ignore',
    detached: true,
  });
  for (let i = 0; i < 150; i++) {
    const up = await fetch(`http://localhost:${port}/`).then(
      (r) => r.ok,
      () => false,
    );
    if (up) return { stop: () => server.pid && process.kill(-server.pid) };
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`the plain host did not start on port ${port}`);
}

/** `port` serves the isolated build and `port + 1` the plain one; `only` (a regular expression) picks cases by name. */
export async function runCases(
  launch: () => Promise<Driver>,
  { port, dist, only }: { port: number; dist: string; only?: string },
): Promise<void> {
  const server = await startPreview(dist, port);
  const plain = await startPlainHost(dist, port + 1);
  const hosts: Hosts = { isolated: server.origin, plain: `http://localhost:${port + 1}`, dist };
  let failed = 0;
  let ran = 0;
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
        const error = await runOnce(test, driver, hosts);
        const seconds = ((Date.now() - at) / 1000).toFixed(1);
        if (error === null) {
          const retried = firstError ? ` on a second try; the first failed: ${firstError}` : '';
          say(`  ✓ [${driver.engine}] ${test.name} (${seconds}s)${retried}`);
          break;
        }
        if (attempt === 2 || firstError !== null) {
          failed++;
          say(`  ✘ [${driver.engine}] ${test.name}\n    ${error}`);
          break;
        }
        firstError = error;
      }
    }
  } finally {
    await driver.close();
    server.stop();
    plain.stop();
  }
  say(`${ran - failed} passed, ${failed} failed (${((Date.now() - started) / 1000).toFixed(0)} s)`);
  if (failed) process.exitCode = 1;
}

/** Runs one case; null when it passed, else its error. Pages a failing case left open are closed, so the next one
 * gets a session. */
async function runOnce(test: Case, driver: Driver, hosts: Hosts): Promise<string | null> {
  const opened: Page[] = [];
  const tracked: Driver = {
    engine: driver.engine,
    newPage: async () => {
      const page = await driver.newPage();
      opened.push(page);
      return page;
    },
    close: () => driver.close(),
  };
  try {
    await test.run(tracked, hosts);
    return null;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  } finally {
    await Promise.all(opened.map((page) => page.close().catch(() => undefined)));
  }
}

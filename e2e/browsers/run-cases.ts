// Runs the cross-browser cases against one engine: starts both hosts, runs each case, prints one line per case and
// ends with a failing exit code if any failed.
import { spawn } from 'node:child_process';
import { startPreview } from '../../scripts/preview-server.ts';
import { cases, type Hosts } from './cases.ts';
import type { Driver } from './driver.ts';

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
      const at = Date.now();
      ran++;
      try {
        await test.run(driver, hosts);
        say(`  ✓ [${driver.engine}] ${test.name} (${((Date.now() - at) / 1000).toFixed(1)}s)`);
      } catch (error) {
        failed++;
        say(
          `  ✘ [${driver.engine}] ${test.name}\n    ${error instanceof Error ? error.message : String(error)}`,
        );
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

// A first visit downloads each file once: the offline copy reuses what the page itself has just downloaded.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { expectOfflineCopy } from './pwa-helpers';
import { startPwaServer } from './pwa-server';

const DIST = process.env.E2E_DIST ?? 'dist';

const twice = (paths: string[]) => paths.filter((p, i) => paths.indexOf(p) !== i);

test('a first visit downloads Python once, for the page and its offline copy together', async ({
  playwright,
}) => {
  test.setTimeout(120_000);
  const server = await startPwaServer(DIST, { isolated: true });
  // A profile on disk, with the HTTP cache a student's browser has (a test context keeps only a small one in memory).
  const profile = mkdtempSync(path.join(tmpdir(), 'tutor-first-visit-'));
  const context = await playwright.chromium.launchPersistentContext(profile, {
    ...test.info().project.use.launchOptions,
    serviceWorkers: 'allow',
  });
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    await page.goto(`${server.origin}/`);
    await expect(page.getByRole('status', { name: 'Python status' })).toContainText(/ready/i, {
      timeout: 60_000,
    });
    await expectOfflineCopy(page);
    // The page's own Python download happened before the service worker installed.
    for (const file of ['pyodide.asm.wasm', 'python_stdlib.zip', 'python-packages.zip']) {
      expect(server.requests.filter((p) => p === `/pyodide/${file}`).length).toBeGreaterThan(1);
    }
    expect(server.downloads).toContain('/pyodide/python-packages.zip');
    expect(twice(server.downloads)).toEqual([]);
  } finally {
    await context.close();
    await server.close();
    rmSync(profile, { recursive: true, force: true });
  }
});

// A build for a sub-path (BASE_PATH=/tutor/) on a host that serves it only there: manifest, service worker and Python.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { buildApp, expectOfflineCopy } from './pwa-helpers';
import { startPwaServer } from './pwa-server';

const BASE = '/tutor/';

test.use({ serviceWorkers: 'allow' });

let folder = '';

test.beforeAll(() => {
  test.setTimeout(240_000);
  folder = mkdtempSync(path.join(tmpdir(), 'tutor-sub-path-'));
  buildApp(folder, { BASE_PATH: BASE });
});

test.afterAll(() => {
  if (folder) rmSync(folder, { recursive: true, force: true });
});

test('under a sub-path the manifest, the service worker and Python stay inside it, online and offline', async ({
  page,
  context,
}) => {
  const server = await startPwaServer(folder, { isolated: true, base: BASE });
  try {
    const app = `${server.origin}${BASE}`;
    await page.goto(app);
    await expectOfflineCopy(page);
    const scope = await page.evaluate(async () => (await navigator.serviceWorker.ready).scope);
    expect(scope).toBe(app);
    const cdp = await context.newCDPSession(page);
    const manifest = await cdp.send('Page.getAppManifest');
    expect(manifest.url).toBe(`${app}manifest.webmanifest`);
    expect(manifest.errors).toEqual([]);
    const parsed = JSON.parse(manifest.data ?? '{}') as { start_url: string; scope: string };
    // Relative to the manifest, so they resolve to the sub-path itself.
    expect(new URL(parsed.start_url, manifest.url).href).toBe(app);
    expect(new URL(parsed.scope, manifest.url).href).toBe(app);
    expect(server.requests.filter((p) => !p.startsWith(BASE))).toEqual([]);

    await server.close();
    await context.setOffline(true);
    await page.reload();
    await expect(page.getByRole('heading', { name: 'MathCoder Tutor' })).toBeVisible();
    await expect(page.getByRole('status', { name: 'Python status' })).toHaveText(/ready/, {
      timeout: 60_000,
    });
  } finally {
    await context.setOffline(false);
    await server.close();
  }
});

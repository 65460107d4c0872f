// The installed app on a train: once the app and a model have been downloaded, everything works without a network.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import {
  executions,
  expectQuadraticSolvedLive,
  expectSolveDone,
  fixturePath,
  problemBox,
} from './helpers';
import { hostileCells, refused } from './fixtures/hostile-cells';
import { expectOfflineCopy, offlineStatus } from './pwa-helpers';
import { startPwaServer } from './pwa-server';

const DIST = process.env.E2E_DIST ?? 'dist';

test.use({ serviceWorkers: 'allow' });
const TEST_MODEL = '/test-models/tutor-test.gguf';
const PROBLEM = 'What is (3 + 4) times 6?';

const MODEL_LIB = '/models/cached-lib/cached-lib-webgpu.wasm';
const MODEL_SHARD = '/models/cached-lib/params_shard_0.bin';

/** The size of each response, or 'failed' where the fetch found no network and no cached copy. */
async function fetchStatuses(urls: string[]): Promise<Array<number | 'failed'>> {
  return Promise.all(
    urls.map((url) =>
      fetch(url).then(
        async (r) => (await r.arrayBuffer()).byteLength,
        () => 'failed' as const,
      ),
    ),
  );
}

/** Every Cache API cache of the origin and the paths it holds. */
async function cachedUrls(): Promise<Record<string, string[]>> {
  const result: Record<string, string[]> = {};
  for (const name of await caches.keys()) {
    const keys = await (await caches.open(name)).keys();
    result[name] = keys.map((request) => new URL(request.url).pathname);
  }
  return result;
}

interface Exposed {
  sandbox: {
    run(code: string): Promise<{ text: string; error: boolean }>;
    whenReady(): Promise<void>;
    workerPolicy: boolean | null;
  };
}

test('Chromium finds the production build installable, and the service worker keeps it isolated', async ({
  playwright,
  baseURL,
}) => {
  // Chromium never offers to install from an incognito profile, which is what a default test context is.
  const profile = mkdtempSync(path.join(tmpdir(), 'tutor-install-'));
  const context = await playwright.chromium.launchPersistentContext(profile, {
    ...test.info().project.use.launchOptions,
    baseURL,
  });
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    await page.goto('/');
    await expectOfflineCopy(page);
    const cdp = await context.newCDPSession(page);
    const manifest = await cdp.send('Page.getAppManifest');
    const installability = await cdp.send('Page.getInstallabilityErrors');
    console.log(
      `Page.getAppManifest: url ${manifest.url}, errors ${JSON.stringify(manifest.errors)}`,
    );
    console.log(`Page.getInstallabilityErrors: ${JSON.stringify(installability)}`);
    expect(manifest.url).toBe(new URL('/manifest.webmanifest', baseURL).href);
    expect(manifest.errors).toEqual([]);
    expect(installability.installabilityErrors).toEqual([]);

    // Now served by the service worker: the headers it cached keep the page cross-origin isolated.
    await page.reload();
    expect(await page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);
    expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);
  } finally {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  }
});

for (const isolated of [true, false]) {
  test(`offline (${isolated ? 'cross-origin isolated host' : 'host without COOP/COEP'}): the app, history, Python, a saved solution and the cached test model all work`, async ({
    page,
    context,
  }) => {
    // A host this test can turn off: offline mode alone would not prove that nothing reaches the network.
    const server = await startPwaServer(DIST, {
      isolated,
      extraFiles: { [MODEL_LIB]: Buffer.alloc(4096, 1), [MODEL_SHARD]: Buffer.alloc(8192, 2) },
    });
    try {
      await page.goto(`${server.origin}/?exposeSandbox&testModel=${TEST_MODEL}`);
      await expectOfflineCopy(page);

      // Online: download the test model and solve a problem, which the history keeps.
      await page.getByRole('button', { name: 'Load model' }).click();
      await expect(page.getByText(/is loaded: llama\.cpp \(wllama\)/)).toBeVisible();
      await problemBox(page).fill(PROBLEM);
      await page.getByRole('button', { name: 'Solve' }).click();
      await expectSolveDone(page);
      await expect(page.getByRole('region', { name: 'Answer' })).toContainText('42');
      const saved = page.getByRole('region', { name: 'History' }).getByRole('listitem');
      await expect(saved).toHaveCount(1);
      // What a self-hosted WebLLM model fetches: its library (kept by the service worker) and a weights shard (not).
      expect(await page.evaluate(fetchStatuses, [MODEL_LIB, MODEL_SHARD])).toEqual([4096, 8192]);
      const cached = await page.evaluate(cachedUrls);
      const weights = /\/models\/.+\.bin$|\.gguf$/;
      for (const [name, urls] of Object.entries(cached)) {
        if (name.startsWith('gguf-parts')) continue;
        expect(
          urls.filter((url) => weights.test(url)),
          `model weights in cache ${name}`,
        ).toEqual([]);
      }
      const gguf = Object.entries(cached).filter(([name]) => name.startsWith('gguf-parts'));
      expect(
        gguf.some(([, urls]) => urls.includes(TEST_MODEL)),
        'the GGUF in its own store',
      ).toBe(true);

      await server.close();
      await context.setOffline(true);
      await page.reload();

      await expect(page.getByRole('heading', { name: 'MathCoder Tutor' })).toBeVisible();
      expect(await page.evaluate(() => crossOriginIsolated)).toBe(isolated);
      await expect(saved).toHaveCount(1);
      await expect(saved.first()).toContainText(PROBLEM);

      const cell = await page.evaluate(async () => {
        const { sandbox } = window as unknown as Exposed;
        await sandbox.whenReady();
        return sandbox.run('import sympy\nx = sympy.symbols("x")\nsympy.solve(x**2 - 5*x + 6, x)');
      });
      expect(cell).toMatchObject({ text: '[2, 3]', error: false });
      // This host sends no policy for the Python worker; the service worker adds it to the copy it serves.
      const probe = hostileCells.find((c) => c.name.startsWith('the _pyodide_core module'))!;
      const probed = await page.evaluate(
        (code) => (window as unknown as Exposed).sandbox.run(code),
        probe.code,
      );
      expect(probed.text).toMatch(refused);
      expect(await page.evaluate(() => (window as unknown as Exposed).sandbox.workerPolicy)).toBe(
        true,
      );
      expect(await page.evaluate(fetchStatuses, [MODEL_LIB, MODEL_SHARD])).toEqual([
        4096,
        'failed',
      ]);

      // A solution saved to a file plays back, every execution computed again by the offline Python.
      await page.getByLabel('Open saved solution').setInputFiles(fixturePath('quadratic.json'));
      await page.getByRole('button', { name: 'Solve' }).click();
      await expectQuadraticSolvedLive(page);

      // The test model loads from the browser's own storage and solves.
      await page.getByRole('combobox', { name: 'Model' }).selectOption('test-model-gguf');
      await page.getByRole('button', { name: 'Load model' }).click();
      await expect(page.getByText(/is loaded: llama\.cpp \(wllama\)/)).toBeVisible();
      await problemBox(page).fill(PROBLEM);
      await page.getByRole('button', { name: 'Solve' }).click();
      await expectSolveDone(page);
      await expect(executions(page).first().locator('pre')).toHaveText('42');
      await expect(page.getByRole('region', { name: 'Answer' })).toContainText('42');
    } finally {
      await context.setOffline(false);
      await server.close();
    }
  });
}

test('a first visit that cannot store the offline copy says so, and the app works online', async ({
  page,
}) => {
  // The service worker's copy fails on one file, as it would on a full disk or a broken deploy.
  const server = await startPwaServer(DIST, {
    isolated: true,
    missing: ['/icons/icon-maskable.svg'],
  });
  try {
    await page.goto(`${server.origin}/`);
    await expect(offlineStatus(page)).toHaveText(/could not store the offline copy/, {
      timeout: 60_000,
    });
    await expect(page.getByRole('status', { name: 'Python status' })).toHaveText(/ready/);
    expect(await page.evaluate(() => navigator.serviceWorker.controller)).toBeNull();
  } finally {
    await server.close();
  }
});

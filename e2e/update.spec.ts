// A new version deployed over the one a student has: offered, loaded on request, history kept, no solve cut short.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { expectQuadraticSolvedLive, fixturePath } from './helpers';
import { buildApp, expectOfflineCopy } from './pwa-helpers';
import { startPwaServer } from './pwa-server';

const DIST = process.env.E2E_DIST ?? 'dist';

test.use({ serviceWorkers: 'allow' });
const NEXT_VERSION = 'update-test';

const prompt = (page: Page) => page.getByRole('region', { name: 'Update' });
const version = (page: Page) => page.getByText(/^MathCoder Tutor, version /);
const saved = (page: Page) => page.getByRole('region', { name: 'History' }).getByRole('listitem');
const stop = (page: Page) => page.getByRole('button', { name: 'Stop' });

let folder = '';

test.beforeAll(() => {
  // The next version: the same sources built again with another version marker, so its service worker differs.
  test.setTimeout(240_000);
  folder = mkdtempSync(path.join(tmpdir(), 'tutor-next-'));
  buildApp(folder, { APP_VERSION: NEXT_VERSION });
});

test.afterAll(() => {
  if (folder) rmSync(folder, { recursive: true, force: true });
});

test('a new version is offered, loads when accepted and keeps the history, and never interrupts a solve in another tab', async ({
  context,
}) => {
  test.setTimeout(180_000);
  const server = await startPwaServer(DIST, { isolated: true });
  try {
    const page = await context.newPage();
    await page.goto(`${server.origin}/`);
    await expectOfflineCopy(page);
    const firstVersion = (await version(page).textContent()) ?? '';
    expect(firstVersion).not.toContain(NEXT_VERSION);
    await page.getByLabel('Open saved solution').setInputFiles(fixturePath('quadratic.json'));
    await page.getByRole('button', { name: 'Solve' }).click();
    await expectQuadraticSolvedLive(page);
    await expect(saved(page)).toHaveCount(1);

    // A second tab in the middle of a solve that lasts until the test stops it.
    const busy = await context.newPage();
    await busy.goto(`${server.origin}/?cellTimeoutMs=600000`);
    await expectOfflineCopy(busy);
    await busy.evaluate(() => Object.assign(window, { untouched: true }));
    await busy.getByLabel('Open saved solution').setInputFiles(fixturePath('endless-loop.json'));
    await busy.getByRole('button', { name: 'Solve' }).click();
    await expect(stop(busy)).toBeVisible();

    // Deployed; the browser looks for a new version whenever the app opens.
    server.serve(folder);
    await page.reload();
    await expect(prompt(page)).toContainText('Update available', { timeout: 60_000 });
    await expect(prompt(busy)).toContainText('Update available');
    await expect(prompt(busy).getByRole('button', { name: 'Update' })).toBeDisabled();
    await expect(prompt(busy)).toContainText('You can update once the solve finishes.');

    await prompt(page).getByRole('button', { name: 'Update' }).click();
    await expect(version(page)).toHaveText(`MathCoder Tutor, version ${NEXT_VERSION}`);
    await expect(prompt(page)).toHaveCount(0);
    // The busy tab's solve is in the history too, so look for the one solved before the update.
    await expect(saved(page).filter({ hasText: 'x^2 - x - 6 = 0' })).toHaveCount(1);

    // The other tab kept its page and its solve; it may reload once the solve is over.
    await expect(prompt(busy)).toContainText('opened in another tab');
    await expect(prompt(busy).getByRole('button', { name: 'Reload' })).toBeDisabled();
    await expect(stop(busy)).toBeVisible();
    expect(await busy.evaluate(() => 'untouched' in window)).toBe(true);
    await expect(version(busy)).toHaveText(firstVersion);
    await stop(busy).click();
    await expect(busy.getByRole('status', { name: 'Solve status' })).toHaveText(/^Stopped/);
    await prompt(busy).getByRole('button', { name: 'Reload' }).click();
    await expect(version(busy)).toHaveText(`MathCoder Tutor, version ${NEXT_VERSION}`);
    await expect(saved(busy).filter({ hasText: 'x^2 - x - 6 = 0' })).toHaveCount(1);
  } finally {
    await server.close();
  }
});

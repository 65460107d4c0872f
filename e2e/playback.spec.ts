import { expect, test } from '@playwright/test';
import {
  executions,
  expectQuadraticSolvedLive,
  expectSolveDone,
  fixturePath,
  openPlayback,
  problemBox,
  serveFixtures,
} from './helpers';

test.beforeEach(async ({ page }) => {
  await serveFixtures(page);
});

test('a saved solution opened by link plays back with every execution computed live', async ({
  page,
}) => {
  await openPlayback(page, 'quadratic.json');
  await expect(problemBox(page)).toHaveValue(/x\^2 - x - 6 = 0/);
  await expect(page.getByRole('status', { name: 'Python status' })).toHaveText(/ready/, {
    timeout: 60_000,
  });

  await page.getByRole('button', { name: 'Solve' }).click();
  await expect(page.getByRole('button', { name: 'Stop' })).toBeVisible();
  await expectQuadraticSolvedLive(page);
  await expect(page.getByRole('button', { name: 'Stop' })).toHaveCount(0);
  await expect(page.getByLabel('Usage')).toContainText('Python');
});

test('a saved solution opened from a file replaces the typed problem and plays back live', async ({
  page,
}) => {
  // Also the narrowest layout the app supports.
  await page.setViewportSize({ width: 360, height: 780 });
  await page.goto('/');
  await problemBox(page).fill('What is 1 + 1?');
  await page.getByLabel('Open saved solution').setInputFiles(fixturePath('quadratic.json'));
  await expect(page.getByText('Playback of a saved solution')).toBeVisible();
  await expect(page.getByText('quadratic.json')).toBeVisible();
  await expect(problemBox(page)).toHaveValue(/x\^2 - x - 6 = 0/);

  // Ctrl+Enter in the Problem box solves.
  await problemBox(page).press('Control+Enter');
  await expectQuadraticSolvedLive(page);
  const pageWidth = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(pageWidth, 'no sideways scrolling at 360 px').toBeLessThanOrEqual(360);
});

test('a link to another origin is refused with a clear message', async ({ page }) => {
  await page.goto('/?playback=https://example.com/solution.json');
  await expect(page.getByRole('alert')).toContainText('is not on this site');
  await expect(page.getByText('Playback of a saved solution')).toHaveCount(0);
});

test('a file that is not a saved solution is refused and the page stays usable', async ({
  page,
}) => {
  await page.goto('/');
  await page.getByLabel('Open saved solution').setInputFiles({
    name: 'notes.json',
    mimeType: 'application/json',
    buffer: Buffer.from('{"hello": "world"}'),
  });
  await expect(page.getByRole('alert')).toContainText('This is not a saved solution');
  await page.getByLabel('Open saved solution').setInputFiles(fixturePath('quadratic.json'));
  await expect(page.getByRole('alert')).toHaveCount(0);
  await expect(problemBox(page)).toHaveValue(/x\^2 - x - 6 = 0/);
});

test('a cell that never ends times out and the next cell still runs', async ({ page }) => {
  await openPlayback(page, 'endless-loop.json', '&cellTimeoutMs=2000');
  await page.getByRole('button', { name: 'Solve' }).click();

  await expectSolveDone(page);
  const cells = executions(page);
  await expect(cells).toHaveCount(2);
  await expect(cells.nth(0)).toHaveAttribute('data-status', 'timeout');
  await expect(cells.nth(0)).toContainText('TimeoutError');
  await expect(page.getByRole('figure', { name: 'Python output: Timed out' })).toBeVisible();
  await expect(cells.nth(1)).toHaveAttribute('data-status', 'ok');
  await expect(cells.nth(1)).toContainText('42');
  await expect(page.getByRole('region', { name: 'Answer' })).toContainText('42');
});

test('Solve without a model explains what to load first', async ({ page }) => {
  await page.goto('/');
  await problemBox(page).fill('What is 2 + 2?');
  await page.getByRole('button', { name: 'Solve' }).click();
  await expect(page.getByRole('alert')).toContainText('No model is loaded');
  await expect(page.getByRole('button', { name: 'Solve' })).toBeEnabled();
});

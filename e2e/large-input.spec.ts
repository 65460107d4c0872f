import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { expectSolveDone, problemBox, serveFixtures } from './helpers';

// The longest main-thread task since the page was told to watch, as the browser's long-task timing saw it.
const watchLongTasks = (page: Page) =>
  page.evaluate(() => {
    const w = window as unknown as { longestTaskMs: number };
    w.longestTaskMs = 0;
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries())
        w.longestTaskMs = Math.max(w.longestTaskMs, entry.duration);
    }).observe({ type: 'longtask' });
  });
const longestTask = (page: Page) =>
  page.evaluate(() => (window as unknown as { longestTaskMs: number }).longestTaskMs);

/** This app's saved-solution format around one block of `chars` characters. */
const solutionOf = (chars: number) =>
  JSON.stringify({
    format: 'mathcoder-tutor/solution',
    version: 1,
    problem: 'What is 6 * 7?',
    blocks: [{ kind: 'text', text: 'x'.repeat(chars) }],
  });

const folder = mkdtempSync(join(tmpdir(), 'large-input-'));
test.afterAll(() => rmSync(folder, { recursive: true, force: true }));

/** Waits until the page has started (Python loaded) and a second passes with no long task, so start-up work is not counted. */
async function settled(page: Page, url = '/') {
  await page.goto(url);
  await expect(page.getByRole('status', { name: 'Python status' })).toContainText('ready', {
    timeout: 60_000,
  });
  await quiet(page);
}

/** Waits until a second passes with no long task. */
async function quiet(page: Page) {
  await page.evaluate(async () => {
    let last = performance.now();
    new PerformanceObserver(() => (last = performance.now())).observe({ type: 'longtask' });
    while (performance.now() - last < 1000) await new Promise((r) => setTimeout(r, 200));
  });
}

const playbackError = (page: Page) => page.getByRole('alert').filter({ hasText: 'saved solution' });

test('a 48 MB saved-solution file is refused from its size, with no long task', async ({
  page,
}) => {
  const path = join(folder, 'huge.json');
  writeFileSync(path, solutionOf(48_000_000));
  await settled(page);
  await watchLongTasks(page);
  await page.getByLabel('Open saved solution').setInputFiles(path);
  await expect(page.getByRole('alert')).toContainText(
    'The file huge.json is 48.0 MB; this app opens saved solutions of at most 10.0 MB.',
  );
  expect(await longestTask(page)).toBeLessThan(200);
});

test('a 48 MB ?playback= answer is refused from its size', async ({ page }) => {
  const body = solutionOf(48_000_000);
  await page.route(
    (url) => url.pathname === '/fixtures/huge.json',
    (route) => route.fulfill({ body, contentType: 'application/json' }),
  );
  await page.goto('/?playback=/fixtures/huge.json');
  await expect(playbackError(page)).toContainText(
    'The saved solution huge.json is 48.0 MB; this app opens saved solutions of at most 10.0 MB.',
  );
});

test('a 9 MB file within the size limit is parsed off the main thread, then refused for its text', async ({
  page,
}) => {
  const path = join(folder, 'nine.json');
  writeFileSync(path, solutionOf(9_000_000));
  await settled(page);
  await watchLongTasks(page);
  await page.getByLabel('Open saved solution').setInputFiles(path);
  await expect(page.getByRole('alert')).toContainText(
    'Block 1 of this saved solution holds 9.0 MB of text; this app opens blocks of at most 1.0 MB.',
  );
  expect(await longestTask(page)).toBeLessThan(200);
});

// KaTeX's stylesheet, added when the first formula showed, laid out every line of the problem again (seconds).
test('Solve on a problem of 50,000 lines has no long task when the first formula shows', async ({
  page,
}) => {
  await serveFixtures(page);
  await settled(page, '/?playback=/fixtures/quadratic.json');
  const katexFontsDeclared = () =>
    page.evaluate(() => [...document.fonts].some((font) => font.family === 'KaTeX_Main'));
  expect(await katexFontsDeclared()).toBe(true);
  const katexFontsFetched = () =>
    page.evaluate(() =>
      performance.getEntriesByType('resource').some((entry) => entry.name.includes('KaTeX_')),
    );
  expect(await katexFontsFetched()).toBe(false);
  // As a paste would: the value set at once, then one input event for React.
  await problemBox(page).evaluate((box: HTMLTextAreaElement) => {
    const setValue = Object.getOwnPropertyDescriptor(HTMLTextAreaElement.prototype, 'value')?.set;
    setValue?.call(box, '7\n'.repeat(50_000));
    box.dispatchEvent(new Event('input', { bubbles: true }));
  });
  await expect(problemBox(page)).toHaveJSProperty('textLength', 100_000);
  await quiet(page);
  await watchLongTasks(page);
  await page.getByRole('button', { name: 'Solve' }).click();
  await expect(page.locator('[data-block="text"] .katex').first()).toBeVisible();
  await expectSolveDone(page);
  // The relayout took 1.5–3.3 s; the trace's own rendering already nears 200 ms on a busy two-core machine, so the
  // bound here catches the relayout and the render benchmark holds the 200 ms goal.
  expect(await longestTask(page)).toBeLessThan(1000);
});

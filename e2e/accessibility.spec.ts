import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import {
  expectQuadraticSolvedLive,
  fixturePath,
  openPlayback,
  problemBox,
  serveFixtures,
  solveStatus,
} from './helpers';

const pythonReady = (page: Page) =>
  expect(page.getByRole('status', { name: 'Python status' })).toHaveText(/ready/, {
    timeout: 60_000,
  });

/** axe-core over the whole page, WCAG 2.1 A and AA rules; serious and critical findings fail the test. */
async function expectNoSeriousViolations(page: Page, what: string): Promise<void> {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'])
    .analyze();
  const serious = results.violations.filter(
    (v) => v.impact === 'serious' || v.impact === 'critical',
  );
  const report = serious.map(
    (v) =>
      `${v.id} (${v.impact}): ${v.help}\n  ${v.nodes.map((n) => n.target.join(' ')).join('\n  ')}`,
  );
  expect(report, `axe on ${what}`).toEqual([]);
  // Something was checked: the rules ran over the page's own content.
  expect(results.passes.length, `axe checked ${what}`).toBeGreaterThan(10);
}

async function solveQuadraticPlayback(page: Page): Promise<void> {
  await serveFixtures(page);
  await page.goto('/?playback=/fixtures/quadratic.json');
  await pythonReady(page);
  await page.getByRole('button', { name: 'Solve' }).click();
  await expectQuadraticSolvedLive(page);
}

test('the start page has no serious accessibility violations', async ({ page }) => {
  await page.goto('/');
  await expect(problemBox(page)).toBeVisible();
  await expectNoSeriousViolations(page, 'the start page');
});

test('the embeddable widget has no serious accessibility violations', async ({ page }) => {
  await page.goto('/embed.html');
  await expect(problemBox(page)).toBeVisible();
  await expectNoSeriousViolations(page, 'the widget page');
});

test('a solved playback has no serious violations and its formulas carry MathML', async ({
  page,
}) => {
  await solveQuadraticPlayback(page);
  // KaTeX's MathML copy is what screen readers read.
  const math = page.locator('.trace .katex-mathml math');
  expect(await math.count()).toBeGreaterThanOrEqual(2);
  await expect(math.first()).toHaveAttribute('xmlns', 'http://www.w3.org/1998/Math/MathML');
  await expect(page.locator('.trace .katex-mathml math annotation').first()).toHaveText(
    /x\^2 - x - 6 = 0/,
  );
  await expectNoSeriousViolations(page, 'a solved playback');
});

test('the dark theme has no serious violations, contrast included', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'dark' });
  await serveFixtures(page);
  await page.goto('/?playback=/fixtures/quadratic.json');
  // The app's own theme switch, where it has one, set to dark as well.
  const dark = page.getByRole('radio', { name: 'Dark' });
  if ((await dark.count()) > 0) await dark.check();
  const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  expect(background, 'the page is dark').toMatch(
    /^rgb\((\d|[1-5]\d), (\d|[1-5]\d), (\d|[1-5]\d)\)$/,
  );
  await pythonReady(page);
  await page.getByRole('button', { name: 'Solve' }).click();
  await expectQuadraticSolvedLive(page);
  await expectNoSeriousViolations(page, 'a solved playback in the dark theme');
});

/** Presses Tab until `target` has focus; fails after `limit` presses. */
async function tabTo(page: Page, isTarget: () => Promise<boolean>, limit = 40): Promise<number> {
  for (let presses = 1; presses <= limit; presses++) {
    await page.keyboard.press('Tab');
    if (await isTarget()) return presses;
  }
  throw new Error(`not reached with ${limit} presses of Tab`);
}

test('the whole flow works from the keyboard, with focus where it is expected', async ({
  page,
}) => {
  await serveFixtures(page);
  await page.goto('/');
  await pythonReady(page);
  // Nothing takes focus on its own when the page opens.
  expect(await page.evaluate(() => document.activeElement === document.body)).toBe(true);

  const box = problemBox(page);
  await tabTo(page, () => box.evaluate((el) => el === document.activeElement));
  await page.keyboard.type('What is 1 + 1?');
  await expect(box).toHaveValue('What is 1 + 1?');

  // The next stop after the problem is Solve, with a visible focus ring.
  await page.keyboard.press('Tab');
  const solve = page.getByRole('button', { name: 'Solve' });
  await expect(solve).toBeFocused();
  const outline = await solve.evaluate((el) => getComputedStyle(el).outlineStyle);
  expect(outline).not.toBe('none');

  // Open a saved solution from the keyboard: the file chooser opens on Enter.
  await page.keyboard.press('Tab');
  const chooserOpened = page.waitForEvent('filechooser');
  await page.keyboard.press('Enter');
  await (await chooserOpened).setFiles(fixturePath('quadratic.json'));
  await expect(box).toHaveValue(/x\^2 - x - 6 = 0/);

  // Record what the polite live region says, to prove it speaks per block, not per token.
  await page.evaluate(() => {
    const progress = '.trace [role="status"][aria-label="Solution progress"]';
    const region = document.querySelector(progress);
    const said: string[] = [];
    Object.assign(window, { said });
    const watch = (node: Element) =>
      new MutationObserver(() => said.push(node.textContent ?? '')).observe(node, {
        childList: true,
        characterData: true,
        subtree: true,
      });
    if (region) watch(region);
    else {
      // The trace view mounts when the solve starts.
      new MutationObserver((_, observer) => {
        const found = document.querySelector(progress);
        if (found) {
          observer.disconnect();
          watch(found);
        }
      }).observe(document.body, { childList: true, subtree: true });
    }
  });

  await page.keyboard.press('Shift+Tab');
  await expect(solve).toBeFocused();
  await page.keyboard.press('Enter');
  await expectQuadraticSolvedLive(page);
  // Focus was not dropped on the page when Solve paused and Stop came and went.
  await expect(solve).toBeFocused();

  const live = page.getByRole('status', { name: 'Solution progress' });
  await expect(live).toHaveAttribute('aria-live', 'polite');
  await expect(live).toHaveText(/^Answer: 13/);
  const said = await page.evaluate(() => (window as unknown as { said: string[] }).said);
  const distinct = [...new Set(said.filter(Boolean))];
  const blocks = await page.locator('.trace-list > li').count();
  expect(distinct.length, `announcements: ${distinct.join(' | ')}`).toBeGreaterThanOrEqual(3);
  expect(distinct.length).toBeLessThanOrEqual(blocks + 1);
  expect(distinct).toContain('Code ran: output [-2, 3]');
});

test('Stop from the keyboard hands focus back to Solve', async ({ page }) => {
  await serveFixtures(page);
  await openPlayback(page, 'long-text.json');
  const solve = page.getByRole('button', { name: 'Solve' });
  await solve.focus();
  await page.keyboard.press('Enter');
  await expect(solveStatus(page)).toHaveText('Solving…');
  // Solve keeps focus while it waits, so one Tab reaches Stop.
  await expect(solve).toBeFocused();
  await expect(solve).toHaveAttribute('aria-disabled', 'true');
  await page.keyboard.press('Tab');
  await expect(page.getByRole('button', { name: 'Stop' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(solveStatus(page)).toHaveText('Stopped.');
  await expect(solve).toBeFocused();
});

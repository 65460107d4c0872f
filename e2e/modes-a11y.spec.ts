import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { expectQuadraticSolvedLive, serveFixtures } from './helpers';

/** axe-core, WCAG 2.1 A and AA plus best practices; serious and critical findings fail. */
async function expectNoSeriousViolations(page: Page, what: string) {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'])
    .analyze();
  const serious = results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.help}\n  ${v.nodes.map((n) => n.target.join(' ')).join('\n  ')}`);
  expect(serious, `axe on ${what}`).toEqual([]);
  expect(results.passes.length, `axe checked ${what}`).toBeGreaterThan(10);
}

for (const scheme of ['light', 'dark'] as const) {
  test(`editing, stale marks, step by step and answer checks have no serious violations (${scheme})`, async ({
    page,
  }) => {
    await page.emulateMedia({ colorScheme: scheme });
    await serveFixtures(page);
    await page.goto('/?playback=/fixtures/quadratic.json');
    await page.getByRole('button', { name: 'Solve' }).click();
    await expectQuadraticSolvedLive(page);

    const first = page.getByRole('figure', { name: /^Python code/ }).first();
    await first.getByRole('button', { name: 'Edit code' }).click();
    await expect(first.getByRole('textbox', { name: 'Edit this Python cell' })).toBeVisible();
    await expectNoSeriousViolations(page, 'a cell being edited');

    await first.getByRole('button', { name: 'Run from here' }).click();
    await expect(first.getByRole('button', { name: 'Continue from here' })).toBeVisible();
    await expect(page.getByText('Possibly stale:').first()).toBeVisible();
    await page
      .getByRole('figure', { name: /^Python code/ })
      .nth(1)
      .getByRole('button', { name: 'Collapse code' })
      .click();
    await expectNoSeriousViolations(page, 'a re-run trace with stale prose and a collapsed cell');

    await page.getByRole('radio', { name: 'Step by step' }).check();
    await page.getByRole('button', { name: 'Next step' }).click();
    await page.getByRole('button', { name: 'Hint' }).click();
    await expect(page.getByRole('region', { name: 'Hint' })).toBeVisible();
    const form = page.getByRole('form', { name: 'Check my answer' });
    await form.getByRole('textbox', { name: 'Your answer' }).fill('12');
    await form.getByRole('button', { name: 'Check' }).click();
    await expect(form.getByRole('status')).toContainText('Not yet.', { timeout: 60_000 });
    await expectNoSeriousViolations(page, 'step by step with a hint and a checked answer');
  });
}

test('the cell editor, step by step and the answer check fit a 360 px phone without sideways scrolling', async ({
  page,
}) => {
  await page.setViewportSize({ width: 360, height: 780 });
  await serveFixtures(page);
  await page.goto('/?playback=/fixtures/quadratic.json');
  await page.getByRole('button', { name: 'Solve' }).click();
  await expectQuadraticSolvedLive(page);
  const first = page.getByRole('figure', { name: /^Python code/ }).first();
  await first.getByRole('button', { name: 'Edit code' }).click();
  await expect(first.getByRole('button', { name: 'Run from here' })).toBeVisible();
  const width = () => page.evaluate(() => document.documentElement.scrollWidth);
  expect(await width(), 'editing a cell').toBeLessThanOrEqual(360);
  await first.getByRole('button', { name: 'Cancel' }).click();
  await page.getByRole('radio', { name: 'Step by step' }).check();
  await page.getByRole('button', { name: 'Hint' }).click();
  await expect(page.getByRole('region', { name: 'Hint' })).toBeVisible();
  expect(await width(), 'step by step with a hint').toBeLessThanOrEqual(360);
});

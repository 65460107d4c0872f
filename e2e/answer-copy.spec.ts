import { expect, test } from '@playwright/test';
import { expectSolveDone, openPlayback, serveFixtures } from './helpers';

test.use({ permissions: ['clipboard-read', 'clipboard-write'] });

test('the answer copies as plain text and as LaTeX, with an announced confirmation', async ({
  page,
}) => {
  await serveFixtures(page);
  await openPlayback(page, 'one-half.json');
  await page.getByRole('button', { name: 'Solve', exact: true }).click();
  await expectSolveDone(page);
  const answer = page.getByRole('region', { name: 'Answer' });
  await expect(answer.locator('.katex-mathml')).toContainText('1');
  await answer.getByRole('button', { name: 'Copy answer as text' }).click();
  const copied = answer.getByText('Copied', { exact: true });
  await expect(copied).toBeVisible();
  await expect(copied).toHaveAttribute('aria-live', 'polite');
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe('1/2');

  await answer.getByRole('button', { name: 'Copy answer as LaTeX' }).click();
  await expect(answer.getByText('Copied as LaTeX', { exact: true })).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe('\\frac{1}{2}');
  // The confirmation goes away by itself.
  await expect(answer.getByText(/^Copied/)).toHaveCount(0, { timeout: 5_000 });
});

test('a refused clipboard is said plainly', async ({ page }) => {
  await page.addInitScript(() => {
    navigator.clipboard.writeText = () =>
      Promise.reject(new DOMException('denied', 'NotAllowedError'));
  });
  await serveFixtures(page);
  await page.goto('/?playback=/fixtures/one-half.json');
  await page.getByRole('button', { name: 'Solve', exact: true }).click();
  await expectSolveDone(page);
  const answer = page.getByRole('region', { name: 'Answer' });
  await answer.getByRole('button', { name: 'Copy answer as text' }).click();
  await expect(answer.getByText('Copy failed: select the answer and copy it')).toBeVisible();
});

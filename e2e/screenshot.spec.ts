import { expect, test } from '@playwright/test';
import { expectSolveDone, serveFixtures } from './helpers';

// Writes the README's picture; run with SCREENSHOT=1 npx playwright test screenshot.
test.skip(!process.env.SCREENSHOT, 'set SCREENSHOT=1 to refresh docs/screenshot.png');

for (const { name, width, height, path } of [
  { name: 'desktop', width: 1280, height: 900, path: 'docs/screenshot.png' },
  { name: 'phone', width: 360, height: 780, path: 'test-results/screenshot-360.png' },
]) {
  test(`screenshot after a finished playback (${name})`, async ({ page }) => {
    await page.setViewportSize({ width, height });
    await serveFixtures(page);
    await page.goto('/?playback=/fixtures/quadratic.json');
    await expect(page.getByRole('status', { name: 'Python status' })).toHaveText(/ready/, {
      timeout: 60_000,
    });
    await page.getByRole('button', { name: 'Solve' }).click();
    await expectSolveDone(page);
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path, fullPage: true });
  });
}

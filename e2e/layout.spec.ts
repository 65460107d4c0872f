import { expect, test, type Page } from '@playwright/test';
import { expectQuadraticSolvedLive, problemBox, serveFixtures } from './helpers';

const layouts = [
  { name: 'phone', width: 360, height: 780 },
  { name: 'desktop', width: 1280, height: 900 },
];

async function solvedPlayback(page: Page): Promise<void> {
  await serveFixtures(page);
  await page.goto('/?playback=/fixtures/quadratic.json');
  await expect(page.getByRole('status', { name: 'Python status' })).toHaveText(/ready/, {
    timeout: 60_000,
  });
  await page.getByRole('button', { name: 'Solve' }).click();
  await expectQuadraticSolvedLive(page);
}

/** Elements wider than the viewport, or reaching past its right edge, named so a failure says which. */
async function overflowing(page: Page, width: number): Promise<string[]> {
  return page.evaluate((viewport) => {
    const out: string[] = [];
    for (const el of document.querySelectorAll<HTMLElement>('body *')) {
      const box = el.getBoundingClientRect();
      if (box.width === 0 || box.right <= viewport + 0.5) continue;
      // Content inside a scroller (a long formula or output line) may be wider; the scroller may not.
      let clipped = false;
      for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
        const { overflowX } = getComputedStyle(p);
        if (overflowX !== 'visible' && p.getBoundingClientRect().right <= viewport + 0.5) {
          clipped = true;
          break;
        }
      }
      if (!clipped) out.push(`${el.tagName.toLowerCase()}.${el.className} right=${box.right}`);
    }
    return out.slice(0, 10);
  }, width);
}

for (const { name, width, height } of layouts) {
  test(`a solved playback lays out on a ${name} (${width} px) with its controls in reach`, async ({
    page,
  }, testInfo) => {
    await page.setViewportSize({ width, height });
    await solvedPlayback(page);
    await page.evaluate(() => window.scrollTo(0, 0));

    const scrollWidth = await page.evaluate(() => document.scrollingElement!.scrollWidth);
    expect(scrollWidth, 'no sideways scrolling').toBeLessThanOrEqual(width);
    expect(await overflowing(page, width)).toEqual([]);

    // The controls a student needs, on screen and big enough to tap.
    const controls = [
      problemBox(page),
      page.getByRole('button', { name: 'Solve' }),
      page.getByText('Open saved solution', { exact: true }),
      page.getByRole('combobox', { name: /model/i }).first(),
      page.getByRole('region', { name: 'Answer' }),
    ];
    for (const control of controls) {
      await control.scrollIntoViewIfNeeded();
      await expect(control).toBeVisible();
      await expect(control).toBeInViewport();
      const box = await control.boundingBox();
      expect(box, 'has a box').not.toBeNull();
      expect(box!.x).toBeGreaterThanOrEqual(0);
      expect(box!.x + box!.width).toBeLessThanOrEqual(width);
    }
    for (const button of [
      page.getByRole('button', { name: 'Solve' }),
      page.getByText('Open saved solution', { exact: true }),
    ]) {
      const box = await button.boundingBox();
      expect(box!.height, 'tap target height').toBeGreaterThanOrEqual(24);
    }
    // Formulas render inside the width too (KaTeX, not raw TeX).
    await expect(page.locator('.trace .katex').first()).toBeVisible();

    await page.evaluate(() => window.scrollTo(0, 0));
    const path = testInfo.outputPath(`solved-playback-${name}.png`);
    await page.screenshot({ path, fullPage: true });
    await testInfo.attach(`solved playback, ${name}`, { path, contentType: 'image/png' });
  });
}

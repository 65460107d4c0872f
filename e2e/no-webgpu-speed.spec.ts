import { expect, test } from '@playwright/test';

const TEST_PAGE = '/?testModel=/test-models/tutor-test.gguf';
const SPEEDS_KEY = 'decode-speeds-v1';

test('on the CPU the decode speed is measured once, kept for this device, and shown beside the model', async ({
  page,
}) => {
  await page.goto(TEST_PAGE);
  const model = page.getByRole('combobox', { name: 'Model' });
  await page.getByRole('button', { name: 'Load model' }).click();
  await expect(page.getByText(/is loaded: .*writes about [\d.]+ tokens\/s/)).toBeVisible({
    timeout: 60_000,
  });
  // The probe's figure is kept and the list shows the time a solution takes here.
  await expect(model.locator('option:checked')).toContainText(
    /a typical solution takes about .* here/,
  );
  const kept = await page.evaluate((key) => localStorage.getItem(key), SPEEDS_KEY);
  expect(JSON.parse(kept ?? '{}')['test-model-gguf@cpu']).toBeGreaterThan(0);

  // A speed known here spares the probe: a kept 0.5 tokens/s is what the next load reports, not a new measurement.
  await page.evaluate(
    (key) => localStorage.setItem(key, JSON.stringify({ 'test-model-gguf@cpu': 0.5 })),
    SPEEDS_KEY,
  );
  await page.reload();
  await expect(model.locator('option:checked')).toContainText(
    'may not fit: it writes 0.5 tokens/s here',
  );
  await expect(model.locator('option:checked')).toContainText('takes about 10 minutes here');
  await page.getByRole('button', { name: 'Load model' }).click();
  await expect(page.getByText(/is loaded: .*writes about 0\.5 tokens\/s/)).toBeVisible({
    timeout: 60_000,
  });
});

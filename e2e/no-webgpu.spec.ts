import { expect, test } from '@playwright/test';
import { expectQuadraticSolvedLive, fixturePath, problemBox } from './helpers';

test('without WebGPU the page explains why and still replays saved solutions', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto('/');

  const adapter = await page.evaluate(async () => {
    const gpu = (navigator as Navigator & { gpu?: GPU }).gpu;
    return gpu ? (await gpu.requestAdapter()) !== null : false;
  });
  expect(adapter, 'this project launches Chromium without a WebGPU adapter').toBe(false);

  const alert = page.getByRole('alert');
  await expect(alert).toContainText('This browser has no WebGPU');
  await expect(alert).toContainText('Chrome or Edge on desktop');
  await expect(alert).toContainText('you can still open a saved solution');
  // The MLC builds cannot run here, so MathCoder as GGUF from the hub, on llama.cpp (CPU), is chosen instead;
  // nothing downloads before a click.
  await expect(page.getByRole('combobox', { name: 'Model' })).toHaveValue(
    'MathCoder-L-7B-Q4_0-hub',
  );
  await expect(page.getByText(/runs on the CPU with llama\.cpp/)).toBeVisible();
  await expect(page.getByRole('button', { name: 'Load model' })).toBeEnabled();

  await page.getByLabel('Open saved solution').setInputFiles(fixturePath('quadratic.json'));
  await expect(problemBox(page)).toHaveValue(/x\^2 - x - 6 = 0/);
  await page.getByRole('button', { name: 'Solve' }).click();
  await expectQuadraticSolvedLive(page);
  expect(errors).toEqual([]);
});

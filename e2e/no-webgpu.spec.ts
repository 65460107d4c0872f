import { expect, test } from '@playwright/test';
import { expectQuadraticSolvedLive, fixturePath, problemBox } from './helpers';

test('without WebGPU the page explains why and still plays back saved solutions', async ({
  page,
}) => {
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
  // The MLC builds cannot run here and a 7B on the CPU writes well under 1 token/s, so the ladder's small rung,
  // Qwen2.5-Math 1.5B as GGUF on llama.cpp (CPU), is chosen; every model says why; nothing downloads before a click.
  const model = page.getByRole('combobox', { name: 'Model' });
  await expect(model).toHaveValue('Qwen2.5-Math-1.5B-Instruct-Q4_K_M-hub');
  await expect(model.locator('option:checked')).toContainText('· fits');
  await expect(model.locator('option[value="MathCoder-L-7B-Q4_0-hub"]')).toContainText(
    'may not fit: without WebGPU',
  );
  await expect(model.locator('option[value="MathCoder-CL-7B-q4f32_1-MLC"]')).toContainText(
    'cannot run here',
  );
  await expect(page.getByText(/runs on the CPU with llama\.cpp/)).toBeVisible();
  await expect(page.getByRole('button', { name: 'Load model' })).toBeEnabled();

  await page.getByLabel('Open saved solution').setInputFiles(fixturePath('quadratic.json'));
  await expect(problemBox(page)).toHaveValue(/x\^2 - x - 6 = 0/);
  await page.getByRole('button', { name: 'Solve' }).click();
  await expectQuadraticSolvedLive(page);
  expect(errors).toEqual([]);
});

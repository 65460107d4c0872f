import { expect, test } from '@playwright/test';

test('the default model is offered as f32 on a GPU without shader-f16, and missing files are named', async ({
  page,
}) => {
  const modelRequests: string[] = [];
  page.on('request', (request) => {
    const path = new URL(request.url()).pathname;
    // The list of models (models.json) is read at start; no model file is.
    if (path.includes('/models/') && !path.endsWith('/models.json'))
      modelRequests.push(request.url());
  });
  await page.goto('/');
  // Headless Chromium here has WebGPU on SwiftShader, which lacks shader-f16.
  await expect(page.getByText('WebGPU: ')).toContainText('no shader-f16', { timeout: 30_000 });
  const model = page.getByRole('combobox', { name: 'Model' });
  await expect(model).toHaveValue(/q4f16_1/);
  expect(modelRequests, 'nothing is downloaded before the click').toEqual([]);

  await page.getByRole('button', { name: 'Load model' }).click();
  const alert = page.getByRole('alert');
  await expect(alert).toContainText('This GPU lacks shader-f16');
  expect(modelRequests, 'an f16 build is refused before any download').toEqual([]);

  await alert.getByRole('button', { name: /Load the f32 variant/ }).click();
  await expect(model).toHaveValue(/q4f32_1/);
  await expect(page.getByRole('alert')).toContainText('The model files are missing', {
    timeout: 60_000,
  });
  await expect(page.getByRole('alert')).toContainText('models/MathCoder-CL-7B-q4f32_1-MLC/');
  expect(modelRequests.length, 'the f32 build was looked for after the click').toBeGreaterThan(0);
  // The page is still usable.
  await expect(page.getByRole('button', { name: 'Load model' })).toBeEnabled();
  await expect(page.getByRole('textbox', { name: 'Problem' })).toBeEditable();
});

// What an open tab meets after an update in another tab replaced the engine's code: a reload, not a download error.
test('an engine whose code is gone asks for a reload, and the reload loads it', async ({
  page,
}) => {
  let gone = true;
  await page.route(/\/assets\/load-wllama-model-[^/]+\.js$/, (route) =>
    gone ? route.fulfill({ status: 404, body: 'not found' }) : route.continue(),
  );
  await page.goto('/?testModel=/test-models/tutor-test.gguf');
  await page.getByRole('button', { name: 'Load model' }).click();
  const alert = page.getByRole('alert').filter({ hasText: 'The app needs a reload' });
  await expect(alert).toContainText('Reload the page to continue');
  await expect(alert).not.toContainText('download');

  gone = false;
  await alert.getByRole('button', { name: 'Reload' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'The app needs a reload' })).toHaveCount(
    0,
  );
  await page.getByRole('button', { name: 'Load model' }).click();
  await expect(page.getByText(/is loaded: llama\.cpp \(wllama\)/)).toBeVisible({ timeout: 60_000 });
});

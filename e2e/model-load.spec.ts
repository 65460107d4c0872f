import { expect, test } from '@playwright/test';

test('the default is a model that can load here; an f16 build is offered as f32 on a GPU without shader-f16, and missing files are named', async ({
  page,
}) => {
  const modelRequests: string[] = [];
  page.on('request', (request) => {
    const path = new URL(request.url()).pathname;
    // The list of models (models.json) is read at start, and each self-hosted model's first file asked for by
    // HEAD (no body); no model file is downloaded, and the hub is not asked anything.
    const hub = /(^|\.)(huggingface\.co|hf\.co)$/.test(new URL(request.url()).hostname);
    if (
      hub ||
      (path.includes('/models/') && !path.endsWith('/models.json') && request.method() !== 'HEAD')
    )
      modelRequests.push(request.url());
  });
  await page.goto('/');
  // Headless Chromium here has WebGPU on SwiftShader, which lacks shader-f16.
  await expect(page.getByText('WebGPU: ')).toContainText('no shader-f16', { timeout: 30_000 });
  const model = page.getByRole('combobox', { name: 'Model' });
  // No MathCoder files on this site: MathCoder-L 7B as published on the Hugging Face hub, which is not asked
  // anything before the click.
  await expect(model).toHaveValue('MathCoder-L-7B-Q4_0-hub');
  await expect(model.locator('option:checked')).toContainText(
    'from huggingface.co (RichardErkhov/MathLLMs_-_MathCoder-L-7B-gguf:Q4_0)',
  );
  await expect(
    page.getByText(
      'llama.cpp, from huggingface.co (RichardErkhov/MathLLMs_-_MathCoder-L-7B-gguf:Q4_0).',
    ),
  ).toBeVisible();
  await expect(model.locator('option[value="MathCoder-CL-7B-q4f16_1-MLC"]')).toContainText(
    "from this site's models/ folder · cannot run here: needs shader-f16",
  );
  await expect(model.locator('option[value="MathCoder-CL-7B-q4f32_1-MLC"]')).toContainText(
    'its files are not on this site',
  );
  expect(modelRequests, 'nothing is downloaded before the click').toEqual([]);

  // This machine cannot reach the hub: Load model says so in words, and nothing is lost.
  await page.route(/huggingface\.co/, (route) => route.abort('internetdisconnected'));
  await page.getByRole('button', { name: 'Load model' }).click();
  await expect(page.getByRole('alert')).toContainText('huggingface.co could not be reached');
  await expect(page.getByRole('alert')).toContainText('press Load model again');
  modelRequests.length = 0;

  await model.selectOption('MathCoder-CL-7B-q4f16_1-MLC');
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
  await expect(page.getByRole('alert')).toContainText('is not on the server (HTTP 404)');
  expect(modelRequests.length, 'the f32 build was looked for after the click').toBeGreaterThan(0);
  // The page is still usable.
  await expect(page.getByRole('button', { name: 'Load model' })).toBeEnabled();
  await expect(page.getByRole('textbox', { name: 'Problem' })).toBeEditable();
});

test('a MathCoder this site serves is preselected over the models from elsewhere', async ({
  page,
}) => {
  // Its first file answers (the GPU here lacks shader-f16, so the f32 build is the one that can load).
  await page.route('**/models/MathCoder-CL-7B-q4f32_1-MLC/mlc-chat-config.json', (route) =>
    route.fulfill({ contentType: 'application/json', body: '{}' }),
  );
  await page.goto('/');
  const model = page.getByRole('combobox', { name: 'Model' });
  await expect(model).toHaveValue('MathCoder-CL-7B-q4f32_1-MLC');
  await expect(page.getByText("WebLLM, from this site's models/ folder.")).toBeVisible();
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

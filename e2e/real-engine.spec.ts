import { expect, test, type Page } from '@playwright/test';
import { executions, expectSolveDone, problemBox, solveStatus } from './helpers';

// The tiny GGUF written by scripts/test-model/make-test-gguf.ts before the build, served from public/test-models/.
const TEST_MODEL = '/test-models/tutor-test.gguf';
const PROBLEM = 'What is (3 + 4) times 6?';

async function loadTestModel(page: Page) {
  await page.goto(`/?testModel=${TEST_MODEL}`);
  const model = page.getByRole('combobox', { name: 'Model' });
  await expect(model).toHaveValue('test-model-gguf');
  await expect(model.locator('option:checked')).toContainText('Test model, not MathCoder');
  await page.getByRole('button', { name: 'Load model' }).click();
  await expect(page.getByText(/is loaded: llama\.cpp \(wllama\) on (CPU|WebGPU)/)).toBeVisible();
}

async function usageFigures(page: Page): Promise<{ read: number; reused: number }> {
  const text = (await page.getByLabel('Usage').textContent()) ?? '';
  const match = /(\d+) prompt tokens read, (\d+) reused from cache/.exec(text);
  expect(match, `usage line: ${text}`).not.toBeNull();
  return { read: Number(match![1]), reused: Number(match![2]) };
}

test('the real llama.cpp engine runs a model through the whole loop, reusing its cache within a problem only', async ({
  page,
}) => {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await loadTestModel(page);

  await problemBox(page).fill(PROBLEM);
  await page.getByRole('button', { name: 'Solve' }).click();
  await expectSolveDone(page);

  const texts = page.locator('[data-block="text"]');
  await expect(texts.first()).toContainText('Test model:');
  await expect(page.locator('[data-block="code"]')).toContainText('total * 6');
  const cells = executions(page);
  await expect(cells).toHaveCount(1);
  // Computed live by the sandbox from the code the model wrote, then fed back to the model.
  await expect(cells.first().locator('pre')).toHaveText('42');
  await expect(cells.first()).toHaveAttribute('data-status', 'ok');
  await expect(texts.last()).toContainText('Python printed 42');
  await expect(page.getByRole('region', { name: 'Answer' })).toContainText('42');
  const first = await usageFigures(page);
  expect(first.reused, 'later blocks reuse the KV cache').toBeGreaterThan(0);

  // The same problem again: with the cache reset it reads exactly as many tokens as the first time.
  await page.getByRole('button', { name: 'Solve' }).click();
  await expect(solveStatus(page)).toHaveText('Solving…');
  await expectSolveDone(page);
  await expect(page.getByRole('region', { name: 'Answer' })).toContainText('42');
  expect(await usageFigures(page)).toEqual(first);
  expect(errors).toEqual([]);
});

test('Stop ends a real-engine solve in the middle, and the model solves the next problem', async ({
  page,
}) => {
  await loadTestModel(page);
  await problemBox(page).fill(PROBLEM);
  await page.getByRole('button', { name: 'Solve' }).click();
  // The test model's code pauses 1.5 s, long enough to press Stop while it runs.
  await expect(executions(page).first()).toHaveAttribute('data-status', 'running');
  await page.getByRole('button', { name: 'Stop' }).click();
  await expect(solveStatus(page)).toHaveText('Stopped.');
  await expect(page.getByRole('region', { name: 'Answer' })).toHaveCount(0);
  await expect(page.getByText('Python printed 42')).toHaveCount(0);

  await page.getByRole('button', { name: 'Solve' }).click();
  // The status line renders on the next frame: wait for the new solve, not the last one's "Stopped.".
  await expect(solveStatus(page)).toHaveText('Solving…');
  await expectSolveDone(page);
  await expect(page.getByRole('region', { name: 'Answer' })).toContainText('42');
});

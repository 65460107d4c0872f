import { expect, test } from '@playwright/test';

test('on the CPU the load message says how fast the model writes and what a typical solution takes', async ({
  page,
}) => {
  await page.goto('/?testModel=/test-models/tutor-test.gguf');
  await page.getByRole('button', { name: 'Load model' }).click();
  await expect(
    page.getByText(
      /is loaded: llama\.cpp \(wllama\) on CPU, \d+ threads?.*; writes about [\d.]+ tokens\/s on this device's CPU: a typical solution \(about 300 tokens\) takes about \d/,
    ),
  ).toBeVisible({ timeout: 60_000 });
});

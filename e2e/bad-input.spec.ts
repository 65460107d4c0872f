import { expect, test } from '@playwright/test';

test('a malformed escape in the test model address leaves the app usable', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto('/?testModel=%2Fx%25E0%25A4%25A.gguf');
  await expect(page.getByRole('button', { name: 'Solve' })).toBeVisible();
  await expect(page.getByRole('combobox', { name: 'Model' })).toContainText('x%E0%A4%A.gguf');
  expect(errors).toEqual([]);
});

test('the plain static host answers a malformed path and keeps serving', async ({ request }) => {
  const plain = `http://localhost:${Number(process.env.E2E_PORT ?? 4173) + 1}`;
  const bad = await request.get(`${plain}/%E0`);
  expect(bad.status()).toBe(404);
  expect((await request.get(`${plain}/`)).status()).toBe(200);
});

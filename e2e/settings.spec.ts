import { expect, test, type Page } from '@playwright/test';

async function openDisplay(page: Page) {
  await page.getByText('Display', { exact: true }).click();
}

const background = (page: Page) =>
  page.evaluate(() => getComputedStyle(document.body).backgroundColor);
const rootFontSize = (page: Page) =>
  page.evaluate(() => getComputedStyle(document.documentElement).fontSize);

test('the theme and text size are chosen in the header and kept across a reload', async ({
  page,
}) => {
  await page.emulateMedia({ colorScheme: 'light' });
  await page.goto('/');
  const light = await background(page);
  expect(await rootFontSize(page)).toBe('16px');

  await openDisplay(page);
  await page.getByRole('radio', { name: 'Dark' }).check();
  await page.getByRole('radio', { name: 'Large' }).check();
  const dark = await background(page);
  expect(dark).not.toBe(light);
  expect(await rootFontSize(page)).toBe('19px');
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  // The browser's bar is told the dark colour whatever the system's scheme.
  await expect(page.locator('meta[name="theme-color"]').first()).toHaveAttribute(
    'content',
    '#111418',
  );
  await expect(page.locator('meta[name="theme-color"]').last()).toHaveAttribute(
    'content',
    '#111418',
  );

  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  expect(await background(page)).toBe(dark);
  expect(await rootFontSize(page)).toBe('19px');
  await openDisplay(page);
  await expect(page.getByRole('radio', { name: 'Dark' })).toBeChecked();
  await expect(page.getByRole('radio', { name: 'Large' })).toBeChecked();

  // Light wins over a dark system setting; System follows it.
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.getByRole('radio', { name: 'Light' }).check();
  expect(await background(page)).toBe(light);
  await page.getByRole('radio', { name: 'System' }).check();
  expect(await background(page)).toBe(dark);
  await expect(page.locator('meta[name="theme-color"]').first()).toHaveAttribute(
    'content',
    '#f6f7f9',
  );
  await page.emulateMedia({ colorScheme: 'light' });
  expect(await background(page)).toBe(light);
  await page.getByRole('radio', { name: 'Small' }).check();
  expect(await rootFontSize(page)).toBe('14px');
});

test('a broken saved setting falls back to the defaults', async ({ page }) => {
  await page.addInitScript(() =>
    localStorage.setItem(
      'mathcoder-tutor-settings',
      JSON.stringify({ state: { theme: 'neon', textSize: 42 }, version: 1 }),
    ),
  );
  await page.goto('/');
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'system');
  expect(await rootFontSize(page)).toBe('16px');
  await openDisplay(page);
  await expect(page.getByRole('radio', { name: 'System' })).toBeChecked();
  await expect(page.getByRole('radio', { name: 'Medium' })).toBeChecked();
});

test("a saved theme and text size apply before the app's script has run, so nothing flashes", async ({
  page,
}) => {
  await page.addInitScript(() =>
    localStorage.setItem(
      'mathcoder-tutor-settings',
      JSON.stringify({ state: { theme: 'dark', textSize: 'large' }, version: 1 }),
    ),
  );
  // The app's scripts are held back: what shows meanwhile is the page as first painted.
  let release = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route(/\/assets\/.*\.js$/, async (route) => {
    await held;
    await route.continue();
  });
  // Module scripts hold up DOMContentLoaded, so the page is only waited for as far as its first bytes.
  await page.goto('/', { waitUntil: 'commit' });
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await expect.poll(() => background(page)).toBe('rgb(17, 20, 24)');
  expect(await rootFontSize(page)).toBe('19px');
  expect(await page.locator('#root').evaluate((root) => root.childElementCount)).toBe(0);
  release();
  await expect(page.getByRole('button', { name: 'Solve' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('data-text-size', 'large');
});

// The pages' Content-Security-Policy holds the app to its own scripts without getting in its way: a played-back solve
// (KaTeX, Pyodide), the history, the real llama.cpp engine and the widget run with no violation, and a script
// injected into the page is refused. Runs on the isolated host and on the plain one.
import { expect, test, type Page } from '@playwright/test';
import { expectQuadraticSolvedLive, openPlayback, serveFixtures } from './helpers';
import { startPwaServer } from './pwa-server';

const TEST_MODEL = '/test-models/tutor-test.gguf';

interface Violation {
  directive: string;
  blocked: string;
}

/** Records every violation the page's documents report, and each console line about the policy. */
async function watchPolicy(
  page: Page,
): Promise<{ violations: () => Promise<Violation[]>; console: string[] }> {
  await page.addInitScript(() => {
    const seen: Violation[] = [];
    (window as unknown as { policyViolations: Violation[] }).policyViolations = seen;
    document.addEventListener('securitypolicyviolation', (event) =>
      seen.push({ directive: event.effectiveDirective, blocked: event.blockedURI }),
    );
  });
  const console: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy|Refused to/i.test(message.text())) console.push(message.text());
  });
  return {
    violations: async () => {
      const all: Violation[] = [];
      for (const frame of page.frames()) {
        all.push(
          ...(await frame.evaluate(
            () => (window as unknown as { policyViolations?: Violation[] }).policyViolations ?? [],
          )),
        );
      }
      return all;
    },
    console,
  };
}

test.beforeEach(async ({ page }) => {
  await serveFixtures(page);
});

test('the page is served with its policy, and a played-back solve and the history run without a violation', async ({
  page,
  baseURL,
}) => {
  const watch = await watchPolicy(page);
  const response = await page.request.get(`${baseURL}/`);
  expect(response.headers()['content-security-policy']).toMatch(
    /^default-src 'self'; script-src 'self' 'wasm-unsafe-eval' 'sha256-[\w+/]+=*'; .*frame-ancestors 'none'$/,
  );
  expect(response.headers()['x-content-type-options']).toBe('nosniff');
  expect(response.headers()['referrer-policy']).toBe('no-referrer');

  await openPlayback(page, 'quadratic.json');
  await page.getByRole('button', { name: 'Solve' }).click();
  await expectQuadraticSolvedLive(page);
  await expect(page.locator('.trace .katex').first()).toBeVisible();

  // The theme script then has a saved theme to apply: it runs, allowed by its hash.
  await page.evaluate(() =>
    localStorage.setItem('mathcoder-tutor-settings', JSON.stringify({ state: { theme: 'dark' } })),
  );
  await page.goto('/');
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  const saved = page.getByRole('list', { name: 'Saved problems' });
  await saved.getByRole('link', { name: /x\^2 - x - 6 = 0/ }).click();
  await expect(page.getByRole('region', { name: 'Answer' })).toContainText('13');
  expect(await watch.violations()).toEqual([]);
  expect(watch.console).toEqual([]);
});

test('the real llama.cpp engine loads and solves under the policy', async ({ page }) => {
  const watch = await watchPolicy(page);
  await page.goto(`/?testModel=${TEST_MODEL}`);
  await page.getByRole('button', { name: 'Load model' }).click();
  await expect(page.getByText(/is loaded: llama\.cpp \(wllama\)/)).toBeVisible({ timeout: 60_000 });
  await page.getByRole('textbox', { name: 'Problem' }).fill('What is (3 + 4) times 6?');
  await page.getByRole('button', { name: 'Solve' }).click();
  await expect(page.getByRole('status', { name: 'Solve status' })).toHaveText('Done.', {
    timeout: 60_000,
  });
  expect(await watch.violations()).toEqual([]);
  expect(watch.console).toEqual([]);
});

test('the widget page runs under its policy', async ({ page, baseURL }) => {
  const watch = await watchPolicy(page);
  const response = await page.request.get(`${baseURL}/embed.html`);
  expect(response.headers()['content-security-policy']).toMatch(
    /^default-src 'self'; .*; frame-ancestors \*$/,
  );
  await page.goto('/embed.html?problem=What%20is%201%2B1%3F');
  await expect(page.getByRole('status', { name: 'Python status' })).toHaveText(/ready/, {
    timeout: 60_000,
  });
  expect(await watch.violations()).toEqual([]);
  expect(watch.console).toEqual([]);
});

/** Adds a script element and an inline handler the way injected markup would, and reports whether either ran. */
const inject = (page: Page) =>
  page.evaluate(async () => {
    const flags = window as unknown as { injectedScript?: boolean; injectedHandler?: boolean };
    const script = document.createElement('script');
    script.textContent = 'window.injectedScript = true;';
    document.head.append(script);
    const holder = document.createElement('div');
    holder.innerHTML = '<img src="data:," onerror="window.injectedHandler = true">';
    document.body.append(holder);
    await new Promise((resolve) => setTimeout(resolve, 200));
    return { script: flags.injectedScript ?? false, handler: flags.injectedHandler ?? false };
  });

test('a script injected into the page is refused', async ({ page }) => {
  const watch = await watchPolicy(page);
  await page.goto('/');
  await expect(page.getByRole('button', { name: 'Solve' })).toBeVisible();
  expect(await inject(page)).toEqual({ script: false, handler: false });
  const refused = (await watch.violations()).map((v) => v.directive);
  expect(refused).toEqual(expect.arrayContaining(['script-src-elem', 'script-src-attr']));
});

test('on a host that sends no headers, the policy in the page itself refuses injected scripts', async ({
  browser,
}) => {
  const server = await startPwaServer(process.env.E2E_DIST ?? 'dist', { isolated: false });
  try {
    const page = await browser.newPage();
    const watch = await watchPolicy(page);
    const response = await page.goto(`${server.origin}/`);
    expect(response?.headers()['content-security-policy']).toBeUndefined();
    await expect(page.getByRole('button', { name: 'Solve' })).toBeVisible();
    // The theme script is allowed by its hash: a saved dark theme is applied before the app starts.
    await page.evaluate(() =>
      localStorage.setItem(
        'mathcoder-tutor-settings',
        JSON.stringify({ state: { theme: 'dark' } }),
      ),
    );
    await page.reload();
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
    expect(watch.console).toEqual([]);
    expect(await inject(page)).toEqual({ script: false, handler: false });
    expect((await watch.violations()).map((v) => v.directive)).toContain('script-src-elem');
    await page.close();
  } finally {
    await server.close();
  }
});

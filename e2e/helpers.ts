import { readFileSync } from 'node:fs';
import { expect, type Page } from '@playwright/test';

export const fixturePath = (name: string) =>
  new URL(`./fixtures/${name}`, import.meta.url).pathname;

/** Serves e2e/fixtures at /fixtures/ on the app's own origin, so `?playback=` can load them. */
export async function serveFixtures(page: Page): Promise<void> {
  await page.route(
    (url) => url.pathname.startsWith('/fixtures/'),
    (route) => {
      const name = new URL(route.request().url()).pathname.split('/').pop() ?? '';
      try {
        const body = readFileSync(fixturePath(name), 'utf8');
        return route.fulfill({ body, contentType: 'application/json' });
      } catch {
        return route.fulfill({ status: 404, body: 'not found', contentType: 'text/plain' });
      }
    },
  );
}

/** Opens a recorded fixture as the page's playback and waits until the page says so. */
export async function openPlayback(page: Page, fixture: string, query = ''): Promise<void> {
  await page.goto(`/?playback=/fixtures/${fixture}${query}`);
  await expect(page.getByText('Playback of a saved solution')).toBeVisible();
}

export const solveStatus = (page: Page) => page.getByRole('status', { name: 'Solve status' });
export const problemBox = (page: Page) => page.getByRole('textbox', { name: 'Problem' });
export const executions = (page: Page) => page.locator('[data-block="execution"]');

/** Waits for the solve to end, failing at once (not at the timeout) when it ends otherwise. */
export async function expectSolveDone(page: Page): Promise<void> {
  await expect(solveStatus(page)).toHaveText(/^(Done|Stopped|Could not finish)\./, {
    timeout: 60_000,
  });
  await expect(solveStatus(page)).toHaveText('Done.', { timeout: 1 });
}

/** The quadratic fixture, played back: every execution must be what Python computes, not the recording. */
export async function expectQuadraticSolvedLive(page: Page): Promise<void> {
  await expectSolveDone(page);
  const cells = executions(page);
  await expect(cells).toHaveCount(3);
  for (const cell of await cells.all()) await expect(cell).toHaveAttribute('data-done', 'true');

  await expect(cells.nth(0).locator('pre')).toHaveText('[-2, 3]');
  await expect(cells.nth(0)).toHaveAttribute('data-status', 'ok');

  await expect(cells.nth(1)).toContainText("NameError: name 'product' is not defined");
  await expect(cells.nth(1)).toHaveAttribute('data-status', 'error');
  await expect(page.getByRole('figure', { name: 'Python output: Error' })).toBeVisible();
  await expect(cells.nth(1).getByText('Error', { exact: true })).toBeVisible();

  await expect(cells.nth(2).locator('pre')).toHaveText('13');
  await expect(cells.nth(2)).toHaveAttribute('data-status', 'ok');

  // The fixture's recorded outputs are wrong on purpose; none may show.
  const outputs = page.locator('[data-block="execution"] pre');
  await expect(outputs.filter({ hasText: '[7, 11]' })).toHaveCount(0);
  await expect(outputs.filter({ hasText: /^\s*99\s*$/ })).toHaveCount(0);

  const answer = page.getByRole('region', { name: 'Answer' });
  await expect(answer).toBeVisible();
  await expect(answer).toHaveAttribute('data-block', 'answer');
  await expect(answer).toContainText('13');
  await expect(page.getByRole('button', { name: 'Solve' })).toBeEnabled();
}

import { expect, test } from '@playwright/test';
import {
  executions,
  expectQuadraticSolvedLive,
  fixturePath,
  openPlayback,
  serveFixtures,
  solveStatus,
} from './helpers';

test.beforeEach(async ({ page }) => {
  await serveFixtures(page);
});

test('Stop ends a playback while it streams and Solve is offered again', async ({ page }) => {
  await openPlayback(page, 'long-text.json');
  await page.getByRole('button', { name: 'Solve' }).click();
  await expect(solveStatus(page)).toHaveText('Solving…');
  await expect(page.locator('[data-block="text"]').first()).toContainText('carefully');

  await page.getByRole('button', { name: 'Stop' }).click();
  await expect(solveStatus(page)).toHaveText('Stopped.');
  await expect(page.getByRole('button', { name: 'Stop' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Solve' })).toBeEnabled();
  // The code after the long text was never reached.
  await expect(executions(page)).toHaveCount(0);
  await expect(page.getByRole('region', { name: 'Answer' })).toHaveCount(0);
});

test('Stop ends a running cell, and Python still works for the next solve', async ({ page }) => {
  await openPlayback(page, 'endless-loop.json', '&cellTimeoutMs=60000');
  await page.getByRole('button', { name: 'Solve' }).click();
  await expect(executions(page).first()).toHaveAttribute('data-status', 'running', {
    timeout: 60_000,
  });

  await page.getByRole('button', { name: 'Stop' }).click();
  await expect(solveStatus(page)).toHaveText('Stopped.', { timeout: 5_000 });
  await expect(page.getByRole('button', { name: 'Solve' })).toBeEnabled();

  await page.getByLabel('Open saved solution').setInputFiles(fixturePath('quadratic.json'));
  await page.getByRole('button', { name: 'Solve' }).click();
  await expectQuadraticSolvedLive(page);
});

import { execFileSync } from 'node:child_process';
import { expect, type Page } from '@playwright/test';

export const offlineStatus = (page: Page) => page.getByRole('status', { name: 'Offline status' });

/** Waits until the service worker has cached the app and serves this page. */
export async function expectOfflineCopy(page: Page): Promise<void> {
  await expect(offlineStatus(page)).toHaveText(/The app works offline/, { timeout: 60_000 });
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
}

/** Builds the app from this checkout into `outDir`, as `npm run build` does after Python is in place. */
export function buildApp(outDir: string, env: { APP_VERSION?: string; BASE_PATH?: string }): void {
  execFileSync(
    process.execPath,
    [
      'node_modules/vite/bin/vite.js',
      'build',
      '--outDir',
      outDir,
      '--emptyOutDir',
      '--logLevel',
      'error',
    ],
    { env: { ...process.env, BASE_PATH: '/', ...env }, stdio: 'inherit' },
  );
}

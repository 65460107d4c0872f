import { expect, type Page } from '@playwright/test';

export const offlineStatus = (page: Page) => page.getByRole('status', { name: 'Offline status' });

/** Waits until the service worker has cached the app and serves this page. */
export async function expectOfflineCopy(page: Page): Promise<void> {
  await expect(offlineStatus(page)).toHaveText(/The app works offline/, { timeout: 60_000 });
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
}

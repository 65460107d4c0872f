// A script that once ran in the page could rewrite the offline copy through the Cache API; the service worker then
// serves the network's copy instead, so the rewrite does not outlive a reload.
import { expect, test } from '@playwright/test';
import { expectOfflineCopy } from './pwa-helpers';
import { startPwaServer } from './pwa-server';

const DIST = process.env.E2E_DIST ?? 'dist';

test.use({ serviceWorkers: 'allow' });

test('a precached page and script rewritten in the cache are not served; the real ones are', async ({
  page,
}) => {
  const server = await startPwaServer(DIST, { isolated: true });
  try {
    await page.goto(`${server.origin}/`);
    await expectOfflineCopy(page);
    const entry = await page.evaluate(
      () => document.querySelector<HTMLScriptElement>('script[type="module"][src]')!.src,
    );
    const rewritten = await page.evaluate(async (entryUrl) => {
      const replaced: string[] = [];
      for (const name of await caches.keys()) {
        const cache = await caches.open(name);
        for (const request of await cache.keys()) {
          const url = new URL(request.url);
          const isPage = url.pathname === '/index.html';
          if (!isPage && url.pathname !== new URL(entryUrl).pathname) continue;
          const body = isPage
            ? '<!doctype html><title>Rewritten</title><p>A rewritten page.</p>'
            : 'document.body.textContent = "A rewritten script.";';
          const type = isPage ? 'text/html' : 'text/javascript';
          await cache.put(request, new Response(body, { headers: { 'Content-Type': type } }));
          replaced.push(url.pathname);
        }
      }
      return replaced;
    }, entry);
    expect(rewritten.sort()).toEqual([new URL(entry).pathname, '/index.html'].sort());

    const before = server.requests.length;
    await page.reload();
    await expect(page.getByRole('heading', { name: 'MathCoder Tutor' })).toBeVisible();
    await expect(page.getByText(/A rewritten (page|script)\./)).toHaveCount(0);
    expect(await page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);
    // Both came from the host again (the page as the address asked for it).
    const fetched = server.requests.slice(before);
    expect(fetched.filter((p) => p === '/' || p === '/index.html')).toHaveLength(1);
    expect(fetched).toContain(new URL(entry).pathname);
    // A fetch through the worker gets the real script too.
    const script = await page.evaluate((url) => fetch(url).then((r) => r.text()), entry);
    expect(script).not.toContain('A rewritten script.');
  } finally {
    await server.close();
  }
});

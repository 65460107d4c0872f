// The service worker: keeps the app, Pyodide and the Python packages for offline use (Workbox precaching).
import { CacheableResponsePlugin } from 'workbox-cacheable-response';
import { clientsClaim } from 'workbox-core';
import { ExpirationPlugin } from 'workbox-expiration';
import {
  addPlugins,
  cleanupOutdatedCaches,
  createHandlerBoundToURL,
  precacheAndRoute,
} from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';
import { CacheFirst } from 'workbox-strategies';
import { verifyPrecache } from './precache-integrity';
import { isSandboxWorker, SANDBOX_WORKER_POLICY } from './sandbox/worker-policy';

declare const self: ServiceWorkerGlobalScope;

// Each entry carries the sha256 integrity the build computed (scripts/build/precache-integrity.ts).
const manifest = self.__WB_MANIFEST;

// The page's "Update" button (registerType: 'prompt'): the waiting version takes over only when asked.
self.addEventListener('message', (event) => {
  if ((event.data as { type?: unknown } | null)?.type === 'SKIP_WAITING') void self.skipWaiting();
});

// Workbox fetches a file that has a revision with `cache: 'reload'`, past the browser's cache. On a first visit the
// page has just downloaded Python (26 MB) itself: asking the server whether it changed (`no-cache`) gets a 304 and
// the copy the browser already holds, and a changed file is still downloaded.
addPlugins([
  {
    requestWillFetch: async ({ request }) =>
      request.cache === 'reload' ? new Request(request, { cache: 'no-cache' }) : request,
  },
  // A copy changed in the cache since it was stored is not served: the network's is.
  verifyPrecache(
    manifest.flatMap((entry) => (typeof entry === 'string' ? [] : [entry])),
    self.registration.scope,
  ),
  // The Python worker's script keeps its policy from here on, whatever headers the host sent.
  {
    cachedResponseWillBeUsed: async ({ request, cachedResponse }) =>
      cachedResponse && isSandboxWorker(new URL(request.url).pathname)
        ? withPolicy(cachedResponse)
        : cachedResponse,
  },
]);

function withPolicy(response: Response): Response {
  const headers = new Headers(response.headers);
  headers.set('Content-Security-Policy', SANDBOX_WORKER_POLICY);
  return new Response(response.body, {
    status: response.status,
    statusText: response.statusText,
    headers,
  });
}

// ?playback=, ?testModel= and the test switches all open the same cached page.
precacheAndRoute(manifest, { ignoreURLParametersMatching: [/./] });
cleanupOutdatedCaches();

registerRoute(
  new NavigationRoute(createHandlerBoundToURL('index.html'), {
    denylist: [/\/models\//, /\/test-models\//],
  }),
);

// WebLLM 0.2.x caches a model library itself unless its URL contains "localhost": only then is it kept here.
registerRoute(
  ({ url, sameOrigin }) =>
    sameOrigin &&
    url.href.includes('localhost') &&
    /\/models\/[^/]+\/[^/]+\.wasm$/.test(url.pathname),
  new CacheFirst({
    cacheName: 'model-libraries',
    plugins: [
      new ExpirationPlugin({ maxEntries: 6 }),
      new CacheableResponsePlugin({ statuses: [200] }),
    ],
  }),
);

// llama.cpp's build for browsers without JSPI is left out of the precache (only Safari needs it): kept once it is used.
registerRoute(
  ({ url, sameOrigin }) => sameOrigin && url.pathname.includes('/assets/compat/'),
  new CacheFirst({
    cacheName: 'llama-cpp-compat',
    plugins: [new CacheableResponsePlugin({ statuses: [200] })],
  }),
);

clientsClaim();

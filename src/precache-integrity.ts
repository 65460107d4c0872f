// The service worker serves a precached copy only while its bytes match the integrity the build recorded: a copy
// rewritten in the cache (by a script that ran in the page, say) is passed over for the network's.
import type { WorkboxPlugin } from 'workbox-core/types';

export interface IntegrityEntry {
  url: string;
  integrity?: string;
}

export async function sha256Integrity(bytes: ArrayBuffer): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
  let binary = '';
  for (const byte of digest) binary += String.fromCharCode(byte);
  return `sha256-${btoa(binary)}`;
}

/** A cache key without Workbox's revision parameter, as an absolute URL. */
const withoutRevision = (url: string) => {
  const parsed = new URL(url);
  parsed.searchParams.delete('__WB_REVISION__');
  return parsed.href;
};

/** Answers `undefined` for a cached response whose bytes do not match, so Workbox fetches it from the network. */
export function verifyPrecache(entries: IntegrityEntry[], scope: string): WorkboxPlugin {
  const expected = new Map(
    entries.flatMap((entry) =>
      entry.integrity ? [[new URL(entry.url, scope).href, entry.integrity] as const] : [],
    ),
  );
  return {
    cachedResponseWillBeUsed: async ({ request, cachedResponse }) => {
      if (!cachedResponse) return cachedResponse;
      const integrity = expected.get(withoutRevision(request.url));
      if (!integrity) return cachedResponse;
      const bytes = await cachedResponse.arrayBuffer();
      if ((await sha256Integrity(bytes)) !== integrity) return null;
      return new Response(bytes, {
        status: cachedResponse.status,
        statusText: cachedResponse.statusText,
        headers: cachedResponse.headers,
      });
    },
  };
}

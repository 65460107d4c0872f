// The pages' Content-Security-Policy: what index.html and embed.html may load and run. The servers send it as a
// header; the build also writes it into each page as a <meta> for static hosts that cannot send headers.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * Where the model files come from: WebLLM's prebuilt records (Hugging Face, model libraries on GitHub's raw host)
 * and the Hugging Face hub, whose `resolve/` URLs redirect to its CDN hosts.
 */
export const MODEL_HOSTS = [
  'https://huggingface.co',
  'https://*.huggingface.co',
  'https://*.hf.co',
  'https://raw.githubusercontent.com',
];

/**
 * The model hosts plus a mirror the build names: `VITE_MODEL_HUB` (the hub's address) and `VITE_MODEL_HOSTS`
 * (more origins, space- or comma-separated: a mirror whose downloads redirect to another host).
 */
export function modelHosts(env: Record<string, string | undefined> = process.env): string[] {
  const extra = [env.VITE_MODEL_HUB ?? '', ...(env.VITE_MODEL_HOSTS ?? '').split(/[\s,]+/)]
    .filter((raw) => raw !== '')
    .map((raw) => {
      const url = new URL(raw);
      if (url.protocol !== 'https:' && url.protocol !== 'http:') {
        throw new Error(`${raw} is not an http(s) address (VITE_MODEL_HUB / VITE_MODEL_HOSTS)`);
      }
      return url.origin;
    });
  return [...new Set([...MODEL_HOSTS, ...extra])];
}

/** The `'sha256-…'` source of each inline `<script>` in a page, so that exactly those run and no injected one. */
export function inlineScriptHashes(html: string): string[] {
  const hashes = new Set<string>();
  for (const match of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)) {
    if (/\bsrc\s*=/i.test(match[1]!)) continue;
    hashes.add(`'sha256-${createHash('sha256').update(match[2]!, 'utf8').digest('base64')}'`);
  }
  return [...hashes];
}

export interface PagePolicyOptions {
  scriptHashes: string[];
  /** Who may frame the page; left out of a <meta> policy, which cannot carry it. */
  frameAncestors?: string;
}

export function pagePolicy({ scriptHashes, frameAncestors }: PagePolicyOptions): string {
  const directives = [
    "default-src 'self'",
    ["script-src 'self' 'wasm-unsafe-eval'", ...scriptHashes].join(' '),
    // React and KaTeX set style attributes.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    // The build inlines KaTeX's smallest font files as data: URLs.
    "font-src 'self' data:",
    ["connect-src 'self'", ...modelHosts()].join(' '),
    "worker-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'none'",
  ];
  if (frameAncestors) directives.push(`frame-ancestors ${frameAncestors}`);
  return directives.join('; ');
}

/** Sent with every response: no content-type guessing, and no page address leaks to the model hosts. */
export const HARDENING_HEADERS = {
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
};

/** The inline script hashes of a built site's two pages, for servers that send the policy as a header. */
export function builtPageHashes(folder: string): string[] {
  const hashes = new Set<string>();
  for (const page of ['index.html', 'embed.html']) {
    try {
      for (const hash of inlineScriptHashes(readFileSync(path.join(folder, page), 'utf8')))
        hashes.add(hash);
    } catch {
      // not built (yet): its scripts cannot be served either
    }
  }
  return [...hashes];
}

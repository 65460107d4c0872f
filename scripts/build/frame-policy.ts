// Who may frame what: the app refuses every frame; only the widget page (embed.html) may be embedded. The two pages
// get their script policy (page-policy.ts) and the Python worker's script its own (src/sandbox/worker-policy.ts).
// The dev and preview servers (vite.config.ts) and scripts/servers/serve-static.ts send these; static hosts must too
// (a <meta> Content-Security-Policy cannot set frame-ancestors).
import { isSandboxWorker, SANDBOX_WORKER_POLICY } from '../../src/sandbox/worker-policy.ts';
import { HARDENING_HEADERS, pagePolicy } from './page-policy.ts';

/** Origins allowed to embed the widget, from VITE_EMBED_ALLOWED_ORIGINS; empty means any site. */
export function embedAllowlist(raw = process.env.VITE_EMBED_ALLOWED_ORIGINS): string[] {
  return (raw ?? '').split(/[\s,]+/).filter((origin) => /^https?:\/\/[^/]+$/.test(origin));
}

export function isEmbedPage(pathname: string, base = '/'): boolean {
  const page = pathname.startsWith(base) ? pathname.slice(base.length) : pathname;
  return page === 'embed.html' || page === 'embed';
}

export function isAppPage(pathname: string, base = '/'): boolean {
  const page = pathname.startsWith(base) ? pathname.slice(base.length) : pathname;
  return page === '' || page === 'index.html' || pathname === base.replace(/\/$/, '');
}

export interface HeaderOptions {
  /** False models a bare static host, which sends the Python worker no policy. */
  sandboxPolicy?: boolean;
  /** The hashes of the pages' inline scripts (page-policy.ts inlineScriptHashes). */
  scriptHashes?: string[];
}

/** The host library is loaded by other sites, cross-origin isolated ones included. */
export function isHostLibrary(pathname: string, base = '/'): boolean {
  const file = pathname.startsWith(base) ? pathname.slice(base.length) : pathname;
  return /^embed\.m?js(\.map)?$/.test(file);
}

export function framingHeaders(
  pathname: string,
  base = '/',
  allowlist = embedAllowlist(),
  { sandboxPolicy = true, scriptHashes = [] }: HeaderOptions = {},
): Record<string, string> {
  if (isHostLibrary(pathname, base)) {
    return {
      ...HARDENING_HEADERS,
      'Access-Control-Allow-Origin': '*',
      'Cross-Origin-Resource-Policy': 'cross-origin',
    };
  }
  if (isEmbedPage(pathname, base)) {
    const frameAncestors = allowlist.length > 0 ? allowlist.join(' ') : '*';
    return {
      ...HARDENING_HEADERS,
      'Content-Security-Policy': pagePolicy({ scriptHashes, frameAncestors }),
      // An isolated (COEP) host page may frame it only if the widget page opts in.
      'Cross-Origin-Resource-Policy': 'cross-origin',
    };
  }
  let policy = "frame-ancestors 'none'";
  if (isAppPage(pathname, base)) policy = pagePolicy({ scriptHashes, frameAncestors: "'none'" });
  else if (sandboxPolicy && isSandboxWorker(pathname)) policy += `; ${SANDBOX_WORKER_POLICY}`;
  return { ...HARDENING_HEADERS, 'Content-Security-Policy': policy, 'X-Frame-Options': 'DENY' };
}

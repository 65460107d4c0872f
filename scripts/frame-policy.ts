// Who may frame what: the app refuses every frame; only the widget page (embed.html) may be embedded. The Python
// worker's script also gets its policy (src/sandbox/worker-policy.ts).
// The dev and preview servers (vite.config.ts) and scripts/serve-static.ts send these; static hosts must too
// (a <meta> Content-Security-Policy cannot set frame-ancestors).
import { isSandboxWorker, SANDBOX_WORKER_POLICY } from '../src/sandbox/worker-policy.ts';

/** Origins allowed to embed the widget, from VITE_EMBED_ALLOWED_ORIGINS; empty means any site. */
export function embedAllowlist(raw = process.env.VITE_EMBED_ALLOWED_ORIGINS): string[] {
  return (raw ?? '').split(/[\s,]+/).filter((origin) => /^https?:\/\/[^/]+$/.test(origin));
}

export function isEmbedPage(pathname: string, base = '/'): boolean {
  const page = pathname.startsWith(base) ? pathname.slice(base.length) : pathname;
  return page === 'embed.html' || page === 'embed';
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
  { sandboxPolicy = true }: { sandboxPolicy?: boolean } = {},
): Record<string, string> {
  if (isHostLibrary(pathname, base)) {
    return { 'Access-Control-Allow-Origin': '*', 'Cross-Origin-Resource-Policy': 'cross-origin' };
  }
  if (isEmbedPage(pathname, base)) {
    const ancestors = allowlist.length > 0 ? allowlist.join(' ') : '*';
    return {
      'Content-Security-Policy': `frame-ancestors ${ancestors}`,
      // An isolated (COEP) host page may frame it only if the widget page opts in.
      'Cross-Origin-Resource-Policy': 'cross-origin',
    };
  }
  const policy =
    sandboxPolicy && isSandboxWorker(pathname)
      ? `frame-ancestors 'none'; ${SANDBOX_WORKER_POLICY}`
      : "frame-ancestors 'none'";
  return { 'Content-Security-Policy': policy, 'X-Frame-Options': 'DENY' };
}

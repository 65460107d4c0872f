// Gives the pages their Content-Security-Policy: a <meta> in each built page (static hosts that send no headers
// still enforce it) and the same policy, with frame-ancestors, as headers from the dev and preview servers.
import type { ServerResponse } from 'node:http';
import path from 'node:path';
import type { Connect, Plugin } from 'vite';
import { framingHeaders } from './frame-policy.ts';
import { builtPageHashes, inlineScriptHashes, pagePolicy } from './page-policy.ts';

/** Writes the policy right after the charset, before any script it governs. */
export function withPolicyMeta(html: string, policy: string): string {
  const meta = `<meta http-equiv="Content-Security-Policy" content="${policy.replace(/"/g, '&quot;')}" />`;
  const charset = /<meta\s+charset[^>]*>/i.exec(html);
  if (charset) {
    const end = charset.index + charset[0].length;
    return `${html.slice(0, end)}\n    ${meta}${html.slice(end)}`;
  }
  return html.replace(/<head[^>]*>/i, (head) => `${head}\n    ${meta}`);
}

/** Sets the headers once the response is about to start, when the page's inline scripts are known. */
function beforeHeaders(response: ServerResponse, setHeaders: () => void): void {
  const writeHead = response.writeHead;
  response.writeHead = function (this: ServerResponse, ...args: unknown[]) {
    if (!this.headersSent) setHeaders();
    return (writeHead as (...a: unknown[]) => ServerResponse).apply(this, args);
  } as typeof response.writeHead;
}

export function pagePolicyPlugin(): Plugin {
  let base = '/';
  // Inline scripts seen in the pages: the theme script, and on the dev server React's refresh preamble.
  const scriptHashes = new Set<string>();
  const middleware: Connect.NextHandleFunction = (request, response, next) => {
    const pathname = new URL(request.url ?? '/', 'http://localhost').pathname;
    beforeHeaders(response, () => {
      const headers = framingHeaders(pathname, base, undefined, {
        scriptHashes: [...scriptHashes],
      });
      for (const [name, value] of Object.entries(headers)) response.setHeader(name, value);
    });
    next();
  };
  return {
    name: 'page-policy',
    configResolved(config) {
      base = config.base;
    },
    transformIndexHtml: {
      order: 'post',
      handler(html) {
        const hashes = inlineScriptHashes(html);
        for (const hash of hashes) scriptHashes.add(hash);
        return withPolicyMeta(html, pagePolicy({ scriptHashes: hashes }));
      },
    },
    configureServer: (server) => void server.middlewares.use(middleware),
    configurePreviewServer(server) {
      const outDir = path.resolve(server.config.root, server.config.build.outDir);
      for (const hash of builtPageHashes(outDir)) scriptHashes.add(hash);
      server.middlewares.use(middleware);
    },
  };
}

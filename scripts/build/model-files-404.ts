import path from 'node:path';
import type { Connect, Plugin } from 'vite';
import { fileIn } from '../servers/static-files.ts';

/** Whether a URL path names something under the site's model folder (`<base>models/`). */
export function inModelFolder(pathname: string, base: string): boolean {
  return pathname.startsWith(`${base.endsWith('/') ? base : `${base}/`}models/`);
}

function notFoundUnder(root: () => string, base: () => string): Connect.NextHandleFunction {
  return (request, response, next) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return next();
    const pathname = new URL(request.url ?? '/', 'http://localhost').pathname;
    if (!inModelFolder(pathname, base())) return next();
    if (fileIn(root(), `/${pathname.slice(base().length)}`)) return next();
    response.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found');
  };
}

/**
 * Answers a missing file under models/ with 404 on the dev and preview servers: their single-page fallback would
 * send index.html with 200, which the app would take for the model file.
 */
export function missingModelFiles404(): Plugin {
  let base = '/';
  let publicDir = '';
  let outDir = '';
  return {
    name: 'missing-model-files-404',
    configResolved(config) {
      base = config.base;
      publicDir = config.publicDir;
      outDir = path.resolve(config.root, config.build.outDir);
    },
    configureServer: (server) =>
      void server.middlewares.use(
        notFoundUnder(
          () => publicDir,
          () => base,
        ),
      ),
    configurePreviewServer: (server) =>
      void server.middlewares.use(
        notFoundUnder(
          () => outDir,
          () => base,
        ),
      ),
  };
}

// A static host the offline and update tests own: they switch the folder it serves and shut it down to be really offline.
import { createReadStream, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { contentTypeOf, contentTypes, fileIn } from '../scripts/servers/static-files.ts';

const isolationHeaders = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
};

export interface PwaServer {
  origin: string;
  /** Every request's path, so a test can tell what reached the host. */
  requests: string[];
  /** The paths whose whole file was sent (a 200, not a 304), so a test can tell what was downloaded twice. */
  downloads: string[];
  /** Serves another build from now on, as a deploy does. */
  serve(folder: string): void;
  close(): Promise<void>;
}

/** Listens on a free port, so runs side by side (and CI) never collide; a fresh browser context per test keeps origins apart. */
export async function startPwaServer(
  folder: string,
  {
    isolated,
    base = '/',
    extraFiles = {},
    missing = [],
  }: {
    isolated: boolean;
    base?: string;
    extraFiles?: Record<string, Buffer>;
    /** Paths answered with 404, as a broken deploy would. */
    missing?: string[];
  },
): Promise<PwaServer> {
  let root = path.resolve(folder);
  const requests: string[] = [];
  const downloads: string[] = [];
  const server: Server = createServer((request, response) => {
    const pathname = new URL(request.url ?? '/', 'http://localhost').pathname;
    requests.push(pathname);
    // A site built for a sub-path is served only under it, as on a host that serves other things too.
    const extra = extraFiles[pathname];
    if (extra) {
      response.writeHead(200, {
        // A folder path stands for its index.html.
        'Content-Type': pathname.endsWith('/') ? contentTypes['.html']! : contentTypeOf(pathname),
        'Content-Length': extra.length,
        ...(isolated ? isolationHeaders : {}),
      });
      response.end(extra);
      return;
    }
    const served = pathname.startsWith(base) && !missing.includes(pathname);
    const file = served ? fileIn(root, pathname.slice(base.length - 1)) : null;
    if (!file) {
      response.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found');
      return;
    }
    const { size, mtimeMs } = statSync(file);
    // As static hosts do: the browser may ask whether its copy is still current and get a 304 with no body.
    const etag = `W/"${size}-${Math.trunc(mtimeMs)}"`;
    const headers = {
      // Every request reaches this host, so what the service worker serves is what it cached.
      'Cache-Control': 'no-cache',
      ETag: etag,
      ...(isolated ? isolationHeaders : {}),
    };
    if (request.headers['if-none-match'] === etag) {
      response.writeHead(304, headers).end();
      return;
    }
    downloads.push(pathname);
    response.writeHead(200, {
      ...headers,
      'Content-Type': contentTypeOf(file),
      'Content-Length': size,
    });
    createReadStream(file).pipe(response);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, 'localhost', resolve);
  });
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://localhost:${port}`,
    requests,
    downloads,
    serve: (next) => {
      root = path.resolve(next);
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

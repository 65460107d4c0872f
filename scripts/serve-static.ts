// Serves a built site with no cross-origin isolation headers, the way a plain static host or a third-party iframe would.
// Usage: npx tsx scripts/serve-static.ts [folder=dist] [port=4174]
import { createReadStream, statSync } from 'node:fs';
import { createServer } from 'node:http';
import path from 'node:path';
import { framingHeaders } from './frame-policy.ts';

const root = path.resolve(process.argv[2] ?? 'dist');
const port = Number(process.argv[3] ?? 4174);
const types: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.mjs': 'text/javascript',
  '.css': 'text/css',
  '.json': 'application/json',
  '.wasm': 'application/wasm',
  '.zip': 'application/zip',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
};

function fileFor(urlPath: string): string | null {
  const wanted = path.join(root, decodeURIComponent(urlPath));
  if (!wanted.startsWith(root)) return null;
  for (const candidate of [wanted, path.join(wanted, 'index.html')]) {
    try {
      if (statSync(candidate).isFile()) return candidate;
    } catch {
      // try the next candidate
    }
  }
  return null;
}

createServer((request, response) => {
  const pathname = new URL(request.url ?? '/', 'http://localhost').pathname;
  for (const [name, value] of Object.entries(framingHeaders(pathname))) {
    response.setHeader(name, value);
  }
  const file = fileFor(pathname);
  if (!file) {
    response.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found');
    return;
  }
  const type = types[path.extname(file)] ?? 'application/octet-stream';
  response.writeHead(200, { 'Content-Type': type, 'Content-Length': statSync(file).size });
  createReadStream(file).pipe(response);
}).listen(port, () => console.log(`serving ${root} on http://localhost:${port} (not isolated)`));

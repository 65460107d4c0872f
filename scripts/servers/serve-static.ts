// Serves a built site with no cross-origin isolation headers, the way a plain static host or a third-party iframe would.
// Usage: npx tsx scripts/servers/serve-static.ts [folder=dist] [port=4174]
import { createReadStream, statSync } from 'node:fs';
import { createServer } from 'node:http';
import path from 'node:path';
import { framingHeaders } from '../build/frame-policy.ts';
import { builtPageHashes } from '../build/page-policy.ts';
import { contentTypeOf, fileIn } from './static-files.ts';

const root = path.resolve(process.argv[2] ?? 'dist');
const port = Number(process.argv[3] ?? 4174);
const scriptHashes = builtPageHashes(root);

createServer((request, response) => {
  const pathname = new URL(request.url ?? '/', 'http://localhost').pathname;
  // No policy for the Python worker, as a bare static host sends none: the suite then shows the lockdown holds alone.
  const headers = framingHeaders(pathname, '/', undefined, {
    sandboxPolicy: false,
    scriptHashes,
  });
  for (const [name, value] of Object.entries(headers)) {
    response.setHeader(name, value);
  }
  const file = fileIn(root, pathname);
  if (!file) {
    response.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found');
    return;
  }
  response.writeHead(200, {
    'Content-Type': contentTypeOf(file),
    'Content-Length': statSync(file).size,
  });
  createReadStream(file).pipe(response);
}).listen(port, () => console.log(`serving ${root} on http://localhost:${port} (not isolated)`));

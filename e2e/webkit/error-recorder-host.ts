// A host in front of the isolated build for WebKit: classic WebDriver has no console log, and scripts it runs come
// only after the load event, so this host puts the error recorder into every page as its first script, to see what
// the app reports while it first runs. Everything else passes through unchanged, headers included.
import { createServer, request as forward, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { recordErrors } from '../browsers/record-errors.ts';

export const RECORDER_PATH = '/__record-errors.js';
const RECORDER = `(${recordErrors.toString()})();\n`;

/** Pages only: a service worker's fetch of index.html for its offline copy must get the file as built. */
const isPage = (headers: IncomingHttpHeaders) => {
  const dest = headers['sec-fetch-dest'];
  return dest ? dest === 'document' || dest === 'iframe' : /text\/html/.test(headers.accept ?? '');
};

/** The recorder's tag right after `<head>`, before the app's own scripts. */
export function withRecorder(html: string): string {
  return html.replace(/<head[^>]*>/i, (head) => `${head}<script src="${RECORDER_PATH}"></script>`);
}

export async function startErrorRecorderHost(
  target: string,
  port = 0,
): Promise<{ origin: string; stop(): void }> {
  const upstream = new URL(target);
  const server = createServer((request, response) => {
    if (request.url === RECORDER_PATH) {
      response.writeHead(200, { 'Content-Type': 'text/javascript', 'Cache-Control': 'no-store' });
      response.end(RECORDER);
      return;
    }
    const page = isPage(request.headers);
    const headers = { ...request.headers, host: upstream.host };
    // A page's body is rewritten, so it must come uncompressed and whole (not a 304 for a copy without the recorder).
    if (page) {
      delete headers['accept-encoding'];
      delete headers['if-none-match'];
      delete headers['if-modified-since'];
    }
    const outgoing = forward(
      new URL(request.url ?? '/', upstream),
      { method: request.method, headers },
      (answer) => {
        const html = /^text\/html/.test(String(answer.headers['content-type'] ?? ''));
        if (!page || !html) {
          response.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(response);
          return;
        }
        const chunks: Buffer[] = [];
        answer.on('data', (chunk: Buffer) => chunks.push(chunk));
        answer.on('end', () => {
          const body = Buffer.from(withRecorder(Buffer.concat(chunks).toString('utf8')));
          // The body is sent whole with its new length, not in the chunks the build's host sent.
          const kept = { ...answer.headers };
          for (const name of ['content-length', 'transfer-encoding', 'etag']) delete kept[name];
          response.writeHead(answer.statusCode ?? 502, { ...kept, 'content-length': body.length });
          response.end(body);
        });
      },
    );
    outgoing.on('error', (error) => {
      if (!response.headersSent) response.writeHead(502, { 'Content-Type': 'text/plain' });
      response.end(`the build's host did not answer: ${error.message}`);
    });
    request.pipe(outgoing);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, 'localhost', resolve);
  });
  const { port: bound } = server.address() as AddressInfo;
  return { origin: `http://localhost:${bound}`, stop: () => server.close() };
}

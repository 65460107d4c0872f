import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RECORDER_PATH, startErrorRecorderHost, withRecorder } from './error-recorder-host.ts';

const PAGE =
  '<!doctype html><html><head><meta charset="utf-8"><script type="module" src="/app.js"></script></head></html>';

describe('the error recorder host', () => {
  let build: Server;
  let host: { origin: string; stop(): void };

  beforeAll(async () => {
    build = createServer((request, response) => {
      const html = request.url === '/';
      response.writeHead(200, {
        'Content-Type': html ? 'text/html' : 'text/javascript',
        'Cross-Origin-Embedder-Policy': 'require-corp',
        'Content-Security-Policy': "script-src 'self'",
        ETag: '"built"',
      });
      response.end(html ? PAGE : 'export {};');
    });
    await new Promise<void>((resolve) => build.listen(0, 'localhost', resolve));
    host = await startErrorRecorderHost(
      `http://localhost:${(build.address() as AddressInfo).port}`,
    );
  });
  afterAll(() => {
    host.stop();
    build.close();
  });

  it('puts the recorder before the app’s scripts and keeps the headers', async () => {
    const response = await fetch(`${host.origin}/`, { headers: { 'sec-fetch-dest': 'document' } });
    const body = await response.text();
    expect(body.indexOf(RECORDER_PATH)).toBeGreaterThan(0);
    expect(body.indexOf(RECORDER_PATH)).toBeLessThan(body.indexOf('/app.js'));
    expect(Number(response.headers.get('content-length'))).toBe(Buffer.byteLength(body));
    expect(response.headers.get('cross-origin-embedder-policy')).toBe('require-corp');
    expect(response.headers.get('content-security-policy')).toBe("script-src 'self'");
    // The rewritten page is not the built one: it must not be revalidated as if it were.
    expect(response.headers.get('etag')).toBeNull();
  });

  it('passes a service worker’s fetch of the page through as built', async () => {
    const response = await fetch(`${host.origin}/`, { headers: { 'sec-fetch-dest': 'empty' } });
    expect(await response.text()).toBe(PAGE);
    expect(response.headers.get('etag')).toBe('"built"');
  });

  it('serves the recorder as a script that installs once', async () => {
    const response = await fetch(`${host.origin}${RECORDER_PATH}`);
    expect(response.headers.get('content-type')).toBe('text/javascript');
    expect(await response.text()).toMatch(/reportedErrors/);
  });

  it('leaves a page without a head alone', () => {
    expect(withRecorder('plain text')).toBe('plain text');
  });
});

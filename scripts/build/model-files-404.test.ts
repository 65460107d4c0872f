import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createServer, preview } from 'vite';
import { inModelFolder } from './model-files-404.ts';

const configFile = path.resolve('vite.config.ts');
const stops: Array<() => Promise<unknown>> = [];
afterAll(() => Promise.all(stops.map((stop) => stop())));

function originOf(server: { address(): AddressInfo | string | null } | null): string {
  const address = server?.address();
  if (!address || typeof address === 'string') throw new Error('the server has no port');
  return `http://localhost:${address.port}`;
}

/** A built site with one model file, as vite build leaves it. */
function builtSite(): string {
  const dist = mkdtempSync(path.join(tmpdir(), 'model-files-404-'));
  mkdirSync(path.join(dist, 'models', 'here'), { recursive: true });
  writeFileSync(path.join(dist, 'index.html'), '<!doctype html><title>app</title>');
  writeFileSync(path.join(dist, 'models', 'here', 'part.gguf'), 'GGUF');
  return dist;
}

// What a browser's fetch() sends: the single-page fallback answers it with index.html.
const accept = { headers: { accept: '*/*' } };

async function expectMissingIs404(origin: string, base: string) {
  for (const missing of ['models/nope.gguf', 'models/MathCoder/part-00001-of-00008.gguf']) {
    const response = await fetch(`${origin}${base}${missing}`, accept);
    expect(response.status, missing).toBe(404);
    expect(response.headers.get('content-type') ?? '', missing).not.toContain('text/html');
  }
  const head = await fetch(`${origin}${base}models/nope.json`, { ...accept, method: 'HEAD' });
  expect(head.status).toBe(404);
}

describe('a missing file under models/', () => {
  it('names paths inside the model folder under any base', () => {
    expect(inModelFolder('/models/a.gguf', '/')).toBe(true);
    expect(inModelFolder('/tutor/models/x/a.gguf', '/tutor/')).toBe(true);
    expect(inModelFolder('/modelsx/a.gguf', '/')).toBe(false);
    expect(inModelFolder('/models/a.gguf', '/tutor/')).toBe(false);
  });

  it('gets 404 from the dev server, also under a base path, and model files and pages still load', async () => {
    for (const base of ['/', '/tutor/']) {
      const server = await createServer({
        configFile,
        base,
        logLevel: 'silent',
        server: { port: 0 },
      });
      stops.push(() => server.close());
      await server.listen();
      const origin = originOf(server.httpServer as never);
      await expectMissingIs404(origin, base);
      expect((await fetch(`${origin}${base}models/models.json`, accept)).status).toBe(200);
      const page = await fetch(`${origin}${base}some/page`, accept);
      expect(page.headers.get('content-type')).toContain('text/html');
    }
  });

  it('gets 404 from vite preview, also under a base path', async () => {
    const dist = builtSite();
    for (const base of ['/', '/tutor/']) {
      const server = await preview({
        configFile,
        base,
        logLevel: 'silent',
        build: { outDir: dist },
        preview: { port: 0 },
      });
      stops.push(() => server.close());
      const origin = originOf(server.httpServer as never);
      await expectMissingIs404(origin, base);
      const present = await fetch(`${origin}${base}models/here/part.gguf`, accept);
      expect(present.status).toBe(200);
      expect(await present.text()).toBe('GGUF');
    }
  });

  it('gets 404 from the plain static server', async () => {
    const dist = builtSite();
    const port = 20000 + Math.floor(Math.random() * 20000);
    const child = spawn('npx', ['tsx', 'scripts/servers/serve-static.ts', dist, String(port)], {
      stdio: ['ignore', 'pipe', 'inherit'],
      detached: true,
    });
    // npx starts tsx in a child of its own: the whole group is stopped.
    stops.push(async () => child.pid && process.kill(-child.pid));
    await new Promise<void>((resolve) => child.stdout.once('data', () => resolve()));
    await expectMissingIs404(`http://localhost:${port}`, '/');
    expect((await fetch(`http://localhost:${port}/models/here/part.gguf`)).status).toBe(200);
  });
});

// prepare:python against a stand-in Pyodide package repository on loopback: SymPy and mpmath all or none, numpy
// vendored when the repository has it and matches pyodide-lock.json, and said why not when it does not.
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { PackagesManifest } from '../../src/sandbox/protocol.ts';
import { fromPyodideRepository, onDemandStatus, type LockPackage } from './prepare-python.ts';

const wheel = (name: string) => new TextEncoder().encode(`stand-in wheel of ${name}`);
const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const entry = (name: string, bytes = wheel(name)): LockPackage => ({
  file_name: `${name}-1.0-py3-none-any.whl`,
  sha256: sha256(bytes),
  version: '1.0',
});
const lock: Record<string, LockPackage> = {
  mpmath: entry('mpmath'),
  sympy: entry('sympy'),
  numpy: entry('numpy'),
};

/** What the stand-in repository serves, by file name; changed by each test. */
let served: Record<string, Uint8Array> = {};
let server: Server;
let base: string;
let cache: string;

beforeAll(async () => {
  server = createServer((request, response) => {
    const bytes = served[decodeURIComponent(new URL(request.url!, 'http://x').pathname.slice(1))];
    response.writeHead(bytes ? 200 : 404).end(request.method === 'HEAD' ? undefined : bytes);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
});
afterAll(() => server.close());
afterEach(() => rmSync(cache, { recursive: true, force: true }));

function serve(...names: string[]) {
  cache = mkdtempSync(path.join(tmpdir(), 'prepare-python-'));
  served = Object.fromEntries(names.map((name) => [lock[name]!.file_name, wheel(name)]));
}

describe('fromPyodideRepository', () => {
  it('fetches SymPy and mpmath for the archive and numpy to serve on demand, each checked against the lock', async () => {
    serve('mpmath', 'sympy', 'numpy');
    const got = await fromPyodideRepository(base, lock, cache);
    if (!('source' in got)) throw new Error(got.unusable);
    expect(got.source.kind).toBe('pyodide-cdn');
    expect(got.onDemand.map((w) => [w.name, w.file, w.sha256])).toEqual([
      ['numpy', lock.numpy!.file_name, lock.numpy!.sha256],
    ]);
    expect(got.missing).toEqual([]);
  });

  it('keeps SymPy from the repository and says why numpy is missing when only numpy is not served', async () => {
    serve('mpmath', 'sympy');
    const got = await fromPyodideRepository(base, lock, cache);
    if (!('source' in got)) throw new Error(got.unusable);
    expect(got.onDemand).toEqual([]);
    expect(got.missing).toEqual([
      { name: 'numpy', reason: `${base}${lock.numpy!.file_name} answered 404` },
    ]);
  });

  it('refuses a numpy wheel that does not match pyodide-lock.json', async () => {
    serve('mpmath', 'sympy');
    served[lock.numpy!.file_name] = wheel('something else');
    const got = await fromPyodideRepository(base, lock, cache);
    if (!('source' in got)) throw new Error(got.unusable);
    expect(got.onDemand).toEqual([]);
    expect(got.missing[0]!.reason).toMatch(/does not match the sha256 in pyodide-lock\.json/);
  });

  it('is unusable without SymPy, when nothing answers, or when turned off', async () => {
    serve('mpmath', 'numpy');
    expect(await fromPyodideRepository(base, lock, cache)).toEqual({
      unusable: `${base}${lock.sympy!.file_name} answered 404`,
    });
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const nowhere = `http://127.0.0.1:${(closed.address() as AddressInfo).port}/`;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const refused = await fromPyodideRepository(nowhere, lock, cache);
    expect(refused).toHaveProperty('unusable', expect.stringMatching(/ECONNREFUSED|fetch failed/));
    expect(await fromPyodideRepository('off', lock, cache)).toEqual({
      unusable: 'PYODIDE_PACKAGES_URL=off',
    });
  });
});

describe('onDemandStatus', () => {
  const manifest = (extra: Partial<PackagesManifest>) => ({ ...extra }) as PackagesManifest;

  it('says numpy is served on demand, or that a cell importing it gets ModuleNotFoundError and why', () => {
    expect(
      onDemandStatus(
        manifest({
          onDemand: [
            { name: 'numpy', version: '2.4.6', file: 'n.whl', sha256: 'x', bytes: 3_100_000 },
          ],
          notVendored: [],
        }),
      ),
    ).toBe('numpy 2.4.6 is served on demand (3.1 MB, loaded only by a cell that imports it)');
    expect(
      onDemandStatus(
        manifest({ onDemand: [], notVendored: [{ name: 'numpy', reason: 'fetch failed' }] }),
      ),
    ).toMatch(
      /^numpy is not vendored \(fetch failed\): a cell that imports it gets ModuleNotFoundError/,
    );
  });
});

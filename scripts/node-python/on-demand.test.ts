// Wheels served on demand (numpy): installed only when a cell imports them, checked against the manifest; without
// one, `import numpy` stays Python's ModuleNotFoundError. A stand-in pure-Python wheel plays numpy here.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PackagesManifest } from '../../src/sandbox/protocol.ts';
import { MANIFEST_FILE } from '../../src/sandbox/protocol.ts';
import type { SandboxStatus } from '../../src/sandbox/types.ts';
import { createNodeSandbox, ensurePythonPrepared, publicDir } from './node-sandbox.ts';

const WHEEL = 'numpy-0.0-py3-none-any.whl';
let root: string;

/** A served folder like public/: Pyodide's files linked, the manifest listing `wheel` on demand with `sha256`. */
function servedFolder(name: string, sha256: string | null): string {
  const dir = path.join(root, name);
  mkdirSync(path.join(dir, 'pyodide'), { recursive: true });
  const source = path.join(publicDir, 'pyodide');
  for (const file of readdirSync(source).filter((f) => f !== MANIFEST_FILE))
    symlinkSync(path.join(source, file), path.join(dir, 'pyodide', file));
  symlinkSync(path.join(root, WHEEL), path.join(dir, 'pyodide', WHEEL));
  const manifest = JSON.parse(
    readFileSync(path.join(source, MANIFEST_FILE), 'utf8'),
  ) as PackagesManifest;
  const bytes = readFileSync(path.join(root, WHEEL)).length;
  manifest.onDemand = sha256 ? [{ name: 'numpy', version: '0.0', file: WHEEL, sha256, bytes }] : [];
  manifest.notVendored = sha256
    ? []
    : [{ name: 'numpy', reason: 'the package repository was unreachable' }];
  writeFileSync(path.join(dir, 'pyodide', MANIFEST_FILE), JSON.stringify(manifest));
  return `${dir}/`;
}

beforeAll(async () => {
  await ensurePythonPrepared(() => {});
  root = mkdtempSync(path.join(tmpdir(), 'on-demand-'));
  const made = spawnSync('python3', [
    '-c',
    `
import zipfile, sys
with zipfile.ZipFile(sys.argv[1], 'w') as z:
    z.writestr('numpy/__init__.py', "__version__ = 'stand-in'\\ndef add(a, b):\\n    return a + b\\n")
    z.writestr('numpy-0.0.dist-info/METADATA', 'Metadata-Version: 2.1\\nName: numpy\\nVersion: 0.0\\n')
    z.writestr('numpy-0.0.dist-info/WHEEL', 'Wheel-Version: 1.0\\nRoot-Is-Purelib: true\\nTag: py3-none-any\\n')
    z.writestr('numpy-0.0.dist-info/RECORD', '')
`,
    path.join(root, WHEEL),
  ]);
  if (made.status !== 0) throw new Error(made.stderr.toString());
}, 180_000);
afterAll(() => rmSync(root, { recursive: true, force: true }));

async function withSandbox(baseUrl: string, cells: string[]) {
  const sandbox = createNodeSandbox({ baseUrl, snapshots: null });
  try {
    await sandbox.whenReady();
    const out = [];
    for (const code of cells) out.push((await sandbox.run(code)).text);
    return out;
  } finally {
    sandbox.dispose();
  }
}

const FIND = "import importlib.util\nimportlib.util.find_spec('numpy') is not None";

describe('numpy on demand', () => {
  it('installs the wheel only when a cell imports it', async () => {
    const sha256 = createHash('sha256')
      .update(readFileSync(path.join(root, WHEEL)))
      .digest('hex');
    const [before, sum, after] = await withSandbox(servedFolder('served', sha256), [
      FIND,
      'import math, numpy as np\nnp.__version__, np.add(2, 3)',
      FIND,
    ]);
    expect(before).toBe('False');
    expect(sum).toBe("('stand-in', 5)");
    expect(after).toBe('True');
  }, 240_000);

  it('keeps ModuleNotFoundError when the wheel does not match the manifest, or none is served', async () => {
    const [tampered] = await withSandbox(servedFolder('tampered', '0'.repeat(64)), [
      'import numpy',
    ]);
    expect(tampered).toMatch(/ModuleNotFoundError: No module named 'numpy'/);
    const [none] = await withSandbox(servedFolder('none', null), ['from numpy import array']);
    expect(none).toMatch(/ModuleNotFoundError: No module named 'numpy'/);
  }, 240_000);

  it('says in its ready status which packages this copy does not serve', async () => {
    const sandbox = createNodeSandbox({ baseUrl: servedFolder('unserved', null), snapshots: null });
    const statuses: SandboxStatus[] = [];
    sandbox.onStatus((status) => statuses.push(status));
    try {
      await sandbox.whenReady();
      expect(statuses.at(-1)).toEqual({
        state: 'ready',
        note: 'numpy is not in this copy of the app: a cell that imports it fails.',
      });
    } finally {
      sandbox.dispose();
    }
  }, 120_000);
});

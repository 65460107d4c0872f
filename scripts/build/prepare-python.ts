// Puts under public/pyodide/ everything the app serves for Python offline: Pyodide's core and SymPy + mpmath.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { loadPyodide, type PyodideAPI } from 'pyodide';
import { MANIFEST_FILE, type PackagesManifest } from '../../src/sandbox/protocol.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
const pyodideDir = path.join(root, 'node_modules', 'pyodide');
// PREPARE_PYTHON_OUT writes elsewhere (to try a change without touching the folder the app serves).
const outDir = process.env.PREPARE_PYTHON_OUT
  ? path.resolve(process.env.PREPARE_PYTHON_OUT)
  : path.join(root, 'public', 'pyodide');
const outName = path.relative(root, outDir) || outDir;
const cacheDir = path.join(root, 'node_modules', '.cache', 'mathcoder-python');
const STDLIB = 'python_stdlib.zip';
const CORE_FILES = ['pyodide.asm.mjs', 'pyodide.asm.wasm', STDLIB, 'pyodide-lock.json'];
/** 2: the standard library is served with its bytecode compiled. */
const FORMAT = 2;
const PACKAGES = ['mpmath', 'sympy'] as const;
/** Served beside the archive and installed only when a cell imports them: numpy, as MathCoder's Jupyter had it. */
const ON_DEMAND = ['numpy'] as const;
const ARCHIVE = 'python-packages.zip';
const DEBIAN_DIST = '/usr/lib/python3/dist-packages'; // where Debian's python3-* packages live
const PROBE_TIMEOUT_MS = 5000;
const DOWNLOAD_TIMEOUT_MS = 120_000;

export interface LockPackage {
  file_name: string;
  sha256: string;
  version: string;
}

type Source =
  | { kind: 'pyodide-cdn'; wheels: FetchedWheel[] }
  | { kind: 'debian'; dir: string; versions: Record<string, string> };

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

export async function preparePython(
  options: { force?: boolean; log?: (line: string) => void } = {},
) {
  const log = options.log ?? ((line: string) => console.log(line));
  const started = performance.now();
  const version = (
    JSON.parse(readFileSync(path.join(pyodideDir, 'package.json'), 'utf8')) as { version: string }
  ).version;
  const lock = JSON.parse(readFileSync(path.join(pyodideDir, 'pyodide-lock.json'), 'utf8')) as {
    info: { python: string };
    packages: Record<string, LockPackage>;
  };
  const current = readManifest();
  if (!options.force && current && isUpToDate(current, version)) {
    log(`prepare:python: ${outName} is up to date (${describe(current)}).`);
    log(`prepare:python: ${onDemandStatus(current)}`);
    return current;
  }

  const base =
    process.env.PYODIDE_PACKAGES_URL ?? `https://cdn.jsdelivr.net/pyodide/v${version}/full/`;
  const cdn = await fromPyodideRepository(base, lock.packages);
  const source = 'source' in cdn ? cdn.source : fromDebian();
  const onDemand = 'source' in cdn ? cdn.onDemand : [];
  const missing =
    'source' in cdn
      ? cdn.missing
      : ON_DEMAND.map((name) => ({
          name,
          reason: `the package repository was not usable: ${cdn.unusable}`,
        }));
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  const pyodide = await loadPyodide({ indexURL: pyodideDir, stdout: () => {}, stderr: () => {} });
  for (const file of CORE_FILES) {
    if (file === STDLIB) continue;
    writeFileSync(path.join(outDir, file), readFileSync(path.join(pyodideDir, file)));
  }
  writeFileSync(path.join(outDir, STDLIB), compileStdlib(pyodide));
  const archive = buildArchive(pyodide, source);
  writeFileSync(path.join(outDir, ARCHIVE), archive);
  // Not in `files`: nothing precaches or preloads them, so a problem that does not import numpy never fetches it.
  for (const wheel of onDemand) writeFileSync(path.join(outDir, wheel.file), wheel.bytes);

  const files = [...CORE_FILES, ARCHIVE].map((file) => {
    const bytes = readFileSync(path.join(outDir, file));
    return { file, sha256: sha256(bytes), bytes: bytes.length };
  });
  const manifest: PackagesManifest = {
    format: FORMAT,
    pyodide: version,
    python: lock.info.python,
    archive: files.find((f) => f.file === ARCHIVE)!,
    packages:
      source.kind === 'debian'
        ? PACKAGES.map((name) => ({
            name,
            version: source.versions[name]!,
            source: 'debian' as const,
          }))
        : source.wheels.map(({ name, version, sha256 }) => ({
            name,
            version,
            source: 'pyodide-cdn' as const,
            sha256,
          })),
    files,
    onDemand: onDemand.map(({ name, file, version, sha256, bytes }) => ({
      name,
      version,
      file,
      sha256,
      bytes: bytes.length,
    })),
    notVendored: missing,
  };
  writeFileSync(path.join(outDir, MANIFEST_FILE), `${JSON.stringify(manifest, null, 2)}\n`);
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  const size = `${(archive.length / 1e6).toFixed(1)} MB`;
  const why = 'unusable' in cdn ? `; the CDN was not usable: ${cdn.unusable}` : '';
  log(`prepare:python: wrote ${outName} (${describe(manifest)}, ${size}) in ${seconds} s${why}.`);
  log(`prepare:python: ${onDemandStatus(manifest)}`);
  return manifest;
}

function readManifest(): PackagesManifest | null {
  try {
    return JSON.parse(readFileSync(path.join(outDir, MANIFEST_FILE), 'utf8')) as PackagesManifest;
  } catch {
    return null;
  }
}

function isUpToDate(manifest: PackagesManifest, version: string): boolean {
  // A manifest from before on-demand packages does not say whether numpy is there.
  if (manifest.format !== FORMAT || manifest.pyodide !== version || !manifest.notVendored)
    return false;
  return [...manifest.files, ...(manifest.onDemand ?? [])].every(
    ({ file, sha256: expected, bytes }) => {
      const where = path.join(outDir, file);
      return (
        existsSync(where) &&
        statSync(where).size === bytes &&
        sha256(readFileSync(where)) === expected
      );
    },
  );
}

/** What a cell that imports numpy gets: the wheel, loaded then, or Python's ModuleNotFoundError and why. */
export function onDemandStatus(manifest: PackagesManifest): string {
  const served = (manifest.onDemand ?? []).map(
    (p) =>
      `${p.name} ${p.version} is served on demand (${(p.bytes / 1e6).toFixed(1)} MB, loaded only by a cell that imports it)`,
  );
  const missing = (manifest.notVendored ?? []).map(
    (p) =>
      `${p.name} is not vendored (${p.reason}): a cell that imports it gets ModuleNotFoundError; run npm run prepare:python -- --force where the Pyodide package repository is reachable`,
  );
  return [...served, ...missing].join('; ') || 'no package is served on demand.';
}

function describe(manifest: PackagesManifest): string {
  const packages = manifest.packages.map((p) => `${p.name} ${p.version}`).join(', ');
  const from =
    manifest.packages[0]?.source === 'debian' ? "Debian's python3 packages" : "Pyodide's CDN";
  return `Pyodide ${manifest.pyodide}; ${packages} from ${from}`;
}

/** A wheel from the Pyodide package repository, checked against pyodide-lock.json. */
export interface FetchedWheel {
  name: string;
  file: string;
  version: string;
  sha256: string;
  bytes: Uint8Array;
}

const reasonOf = (error: unknown) =>
  String(
    error instanceof Error
      ? error.cause instanceof Error
        ? error.cause.message
        : error.message
      : error,
  );

/**
 * One wheel of pyodide-lock.json from the package repository at `base` (or the download cache); throws, saying why,
 * when it is not in the lock, cannot be fetched or does not match the lock's sha256.
 */
export async function fetchWheel(
  name: string,
  lock: Record<string, LockPackage>,
  base: string,
  cache = cacheDir,
): Promise<FetchedWheel> {
  const entry = lock[name];
  if (!entry) throw new Error(`${name} is not in pyodide-lock.json`);
  const cached = path.join(cache, 'wheels', entry.file_name);
  let bytes = existsSync(cached) ? new Uint8Array(readFileSync(cached)) : null;
  if (!bytes || sha256(bytes) !== entry.sha256) {
    const url = new URL(entry.file_name, base).href;
    // A short first timeout tells an offline machine quickly; the download itself may take longer.
    const probe = await fetch(url, {
      method: 'HEAD',
      signal: AbortSignal.timeout(PROBE_TIMEOUT_MS),
    });
    if (!probe.ok) throw new Error(`${url} answered ${probe.status}`);
    const response = await fetch(url, { signal: AbortSignal.timeout(DOWNLOAD_TIMEOUT_MS) });
    if (!response.ok) throw new Error(`${url} answered ${response.status}`);
    bytes = new Uint8Array(await response.arrayBuffer());
    if (sha256(bytes) !== entry.sha256)
      throw new Error(`${url} does not match the sha256 in pyodide-lock.json`);
    mkdirSync(path.dirname(cached), { recursive: true });
    writeFileSync(cached, bytes);
  }
  return { name, file: entry.file_name, version: entry.version, sha256: entry.sha256, bytes };
}

/**
 * (a) The wheels Pyodide itself would load: SymPy and mpmath, all or none; numpy when the repository also has it
 * (else why not, for the manifest and the log).
 */
export async function fromPyodideRepository(
  base: string,
  lock: Record<string, LockPackage>,
  cache = cacheDir,
): Promise<
  | { source: Source; onDemand: FetchedWheel[]; missing: Array<{ name: string; reason: string }> }
  | { unusable: string }
> {
  if (base === 'off') return { unusable: 'PYODIDE_PACKAGES_URL=off' };
  const wheels: FetchedWheel[] = [];
  try {
    for (const name of PACKAGES) wheels.push(await fetchWheel(name, lock, base, cache));
  } catch (error) {
    return { unusable: reasonOf(error) };
  }
  const onDemand: FetchedWheel[] = [];
  const missing: Array<{ name: string; reason: string }> = [];
  for (const name of ON_DEMAND) {
    try {
      onDemand.push(await fetchWheel(name, lock, base, cache));
    } catch (error) {
      missing.push({ name, reason: reasonOf(error) });
    }
  }
  return { source: { kind: 'pyodide-cdn', wheels }, onDemand, missing };
}

/** (b) Debian's pure-Python python3-sympy and python3-mpmath: installed, or downloaded and unpacked. */
function fromDebian(): Source {
  const unpacked = path.join(cacheDir, 'debian');
  const candidates = [
    process.env.DEBIAN_DIST_PACKAGES,
    DEBIAN_DIST,
    path.join(unpacked, DEBIAN_DIST.slice(1)),
  ];
  let dir = candidates.find((candidate) => candidate && hasPackages(candidate));
  if (!dir && downloadDebs(unpacked))
    dir = candidates.find((candidate) => candidate && hasPackages(candidate));
  if (!dir) {
    throw new Error(
      "prepare:python: no SymPy for Pyodide. The Pyodide CDN is unreachable and Debian's python3-sympy and " +
        'python3-mpmath are neither installed nor downloadable. Install them (apt-get install python3-sympy ' +
        'python3-mpmath), or set DEBIAN_DIST_PACKAGES to a dist-packages folder holding sympy/ and mpmath/, ' +
        'or go online, then run npm run prepare:python again.',
    );
  }
  return {
    kind: 'debian',
    dir,
    versions: {
      sympy: versionIn(path.join(dir, 'sympy', 'release.py')),
      mpmath: versionIn(path.join(dir, 'mpmath', '__init__.py')),
    },
  };
}

function hasPackages(dir: string): boolean {
  return PACKAGES.every((name) => existsSync(path.join(dir, name, '__init__.py')));
}

function downloadDebs(into: string): boolean {
  const debs = path.join(cacheDir, 'debs');
  mkdirSync(debs, { recursive: true });
  const download = spawnSync('apt-get', ['download', 'python3-sympy', 'python3-mpmath'], {
    cwd: debs,
    stdio: 'ignore',
  });
  if (download.status !== 0) return false;
  for (const deb of readdirSync(debs).filter((file) => file.endsWith('.deb'))) {
    if (spawnSync('dpkg', ['-x', path.join(debs, deb), into], { stdio: 'ignore' }).status !== 0)
      return false;
  }
  return true;
}

function versionIn(file: string): string {
  const match = /__version__\s*=\s*['"]([^'"]+)['"]/.exec(readFileSync(file, 'utf8'));
  return match?.[1] ?? 'unknown';
}

/** Writes the files under /stage into a zip with fixed dates, so the same input gives the same bytes. */
const ZIP_STAGE = `
import os, zipfile
paths = sorted(os.path.join(d, f) for d, _, files in os.walk('/stage') for f in files)
with zipfile.ZipFile('/out.zip', 'w', zipfile.ZIP_DEFLATED) as archive:
    for p in paths:
        info = zipfile.ZipInfo(os.path.relpath(p, '/stage'), date_time=(1980, 1, 1, 0, 0, 0))
        info.compress_type = zipfile.ZIP_DEFLATED
        with open(p, 'rb') as f:
            archive.writestr(info, f.read())
`;

function zipStage(pyodide: PyodideAPI): Uint8Array {
  pyodide.runPython(ZIP_STAGE);
  const bytes = pyodide.FS.readFile('/out.zip');
  pyodide.runPython("import os, shutil; shutil.rmtree('/stage'); os.remove('/out.zip')");
  return bytes;
}

/**
 * Pyodide's standard library with its bytecode beside the sources (zipimport reads `name.pyc` next to
 * `name.py`): without it every start compiles the modules Python and SymPy import, which took longer than
 * the rest of Pyodide's start here. Sources stay for tracebacks; code objects name the files where Pyodide
 * mounts the zip, as if compiled there.
 */
function compileStdlib(pyodide: PyodideAPI): Uint8Array {
  pyodide.runPython(`
import compileall, py_compile, sys, warnings, zipfile
warnings.simplefilter('ignore')
mount = f'/lib/python{sys.version_info[0]}{sys.version_info[1]}.zip'  # where Pyodide puts it
zipfile.ZipFile(mount).extractall('/stage')
compileall.compile_dir('/stage', quiet=2, legacy=True, ddir=mount,
                       invalidation_mode=py_compile.PycInvalidationMode.UNCHECKED_HASH)
`);
  return zipStage(pyodide);
}

/** One zip for site-packages, built in Pyodide itself so its .pyc files match the browser's Python. */
function buildArchive(pyodide: PyodideAPI, source: Source): Uint8Array {
  if (source.kind === 'debian') {
    pyodide.mountNodeFS('/source', source.dir);
  } else {
    for (const wheel of source.wheels)
      pyodide.unpackArchive(wheel.bytes, 'wheel', { extractDir: '/source' });
  }
  pyodide.globals.set('PACKAGES', pyodide.toPy([...PACKAGES]));
  // Tests and sympy's 49 MB Rubi rules are never imported by model code; .pyc files are compiled unchecked
  // because unzipping does not keep the modification times Python would compare.
  pyodide.runPython(`
import compileall, py_compile, shutil, warnings
warnings.simplefilter('ignore')
skip = shutil.ignore_patterns('tests', '__pycache__', '*.pyc', 'rubi')
for name in PACKAGES:
    shutil.copytree(f'/source/{name}', f'/stage/{name}', ignore=skip)
    compileall.compile_dir(f'/stage/{name}', quiet=2, invalidation_mode=py_compile.PycInvalidationMode.UNCHECKED_HASH)
`);
  return zipStage(pyodide);
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  preparePython({ force: process.argv.includes('--force') }).catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}

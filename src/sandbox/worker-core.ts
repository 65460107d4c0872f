// The worker's logic, shared by the browser worker and the Node worker used by scripts and tests.
import { version, type PyodideAPI, type loadPyodide } from 'pyodide';
import { toErrorData } from './errors';
import { captureFolder, restoreFolder } from './file-image';
import {
  growingFactory,
  looksLikeSnapshot,
  sha256Hex,
  snapshotKey,
  type CreatePyodideModule,
} from './memory-snapshot';
import {
  MANIFEST_FILE,
  type FromWorker,
  type KernelResult,
  type KernelSources,
  type PackagesManifest,
  type SandboxErrorCode,
  type StartTimings,
  type StoredSnapshot,
  type ToWorker,
} from './protocol';

export interface WorkerHost {
  loadPyodide: typeof loadPyodide;
  /** Reads a file served beside Pyodide; rejects with a message that names what is missing. */
  readFile(indexUrl: string, file: string): Promise<Uint8Array>;
  post(message: FromWorker, transfer?: Transferable[]): void;
  /**
   * Called once Python is ready, before any cell runs: takes the network and the page out of reach. Returns whether
   * the worker's Content-Security-Policy had already refused string compilation (false: only the lockdown does).
   */
  lockDown?(): boolean;
  /** Pyodide's module factory (pyodide.asm.mjs); without it the worker neither makes nor loads snapshots. */
  importPyodideModule?(indexUrl: string): Promise<CreatePyodideModule>;
}

interface KernelProxy {
  run(code: string): string;
  reset(): void;
  restore(cellsJson: string, count: number): void;
}

type InitMessage = Extract<ToWorker, { kind: 'init' }>;

// Taken before any cell runs: a cell that reaches JavaScript may replace the global JSON.
const parseJson = JSON.parse.bind(JSON);

const KERNEL_ROOT = '/sandbox'; // kernel.py and friends become the package tutor_kernel here
const KERNEL_DIR = `${KERNEL_ROOT}/tutor_kernel`;

export interface WorkerCore {
  /** Handles the client's messages strictly one after another. */
  handle(message: ToWorker): void;
  /** Reports JavaScript that raised outside any message, blaming the last cell or restore begun. */
  uncaught(): void;
}

export function createWorkerCore(host: WorkerHost, sources: KernelSources): WorkerCore {
  let kernel: KernelProxy | null = null;
  let chain = Promise.resolve();
  /** The cell or restore whose code ran last: only its code can have scheduled a callback. */
  let lastId: number | null = null;
  let ready = false;
  let interruptFlag: Int32Array | null = null;
  /** Wheels served on demand (numpy) and where: installed the first time a cell imports them. */
  let onDemand: {
    pyodide: PyodideAPI;
    indexUrl: string;
    sitePackages: string;
    wheels: NonNullable<PackagesManifest['onDemand']>;
  } | null = null;

  async function init(message: InitMessage): Promise<void> {
    const { indexUrl } = message;
    let step: SandboxErrorCode = 'load-failed';
    try {
      let started = performance.now();
      host.post({ kind: 'progress', text: 'Loading Python…' });
      // A stored snapshot is read from disk while the manifest is fetched and Pyodide starts.
      const reading =
        message.snapshot && host.importPyodideModule ? readSnapshot(message.snapshot) : null;
      const manifest = host.readFile(indexUrl, MANIFEST_FILE);
      manifest.catch(() => {}); // reported at the packages step
      // The packages download and check while Pyodide starts; their failure is reported at their step.
      let archive: Promise<Uint8Array> | null = null;
      const packages = () => {
        archive ??= manifest.then((bytes) => readPackages(indexUrl, bytes));
        return archive;
      };
      // Without a manifest there is no key, hence no snapshot; the packages step says what is missing.
      const key = host.importPyodideModule
        ? await manifest.then((bytes) => snapshotKey(version, bytes, sources)).catch(() => null)
        : null;
      const options = {
        indexURL: indexUrl,
        // Model code gets an empty `js` module, not the worker's globals.
        jsglobals: Object.create(null) as object,
        stdout: (line: string) => console.warn('[python]', line),
        stderr: (line: string) => console.warn('[python]', line),
      };

      const restored = key && reading ? await restore(message, key, reading, options) : null;
      let pyodide: PyodideAPI;
      let timings: StartTimings;
      let fileBytes = 0;
      if (restored) {
        ({ pyodide, timings, fileBytes } = restored);
        step = 'kernel-failed';
        kernel = restored.kernel;
      } else {
        packages().catch(() => {});
        // Not for a key whose snapshot just failed (here, or on an earlier start): it would fail again.
        const failedKey = message.snapshot?.key === key ? key : message.refusedKey;
        const makeSnapshot = Boolean(key && message.makeSnapshot && key !== failedKey);
        pyodide = await host.loadPyodide({ ...options, _makeSnapshot: makeSnapshot });
        const pyodideMs = performance.now() - started;

        step = 'packages-failed';
        started = performance.now();
        host.post({ kind: 'progress', text: 'Loading SymPy…' });
        const sitePackages = installPackages(pyodide, await packages());
        const packagesMs = performance.now() - started;

        step = 'kernel-failed';
        started = performance.now();
        host.post({ kind: 'progress', text: 'Importing SymPy…' });
        kernel = installKernel(pyodide, sources);
        const sympyMs = performance.now() - started;
        // Taken here, before the guard (Pyodide's own start-up imports must still work after a restore)
        // and before any cell: what a restore brings back is this clean state.
        if (makeSnapshot && key) sendSnapshot(pyodide, key, sitePackages);
        timings = { pyodideMs, packagesMs, sympyMs, start: 'full' };
      }
      const { wheels, unserved } = await onDemandPackages(manifest);
      // Nothing served on demand (offline builds): no Python call here, so the start costs what it did.
      const sitePackages = wheels.length ? sitePackagesOf(pyodide) : '';
      onDemand = { pyodide, indexUrl, sitePackages, wheels };
      lockKernel(pyodide);
      // The client sets 2 (SIGINT) to stop a cell; both sides clear it before a cell begins.
      if (message.interruptBuffer) {
        interruptFlag = new Int32Array(message.interruptBuffer);
        pyodide.setInterruptBuffer(interruptFlag);
      }
      const policy = host.lockDown?.();
      ready = true;
      const memoryBytes = heapBytes(pyodide) + fileBytes;
      host.post({
        kind: 'ready',
        timings,
        memoryBytes,
        ...(policy === undefined ? {} : { policy }),
        ...(unserved.length ? { unserved } : {}),
      });
    } catch (error) {
      host.post({ kind: 'failed', id: null, error: toErrorData(error, step) });
    }
  }

  /** Starts from the client's snapshot when it fits; null (after telling the client why) when it does not. */
  async function restore(
    message: InitMessage,
    key: string,
    reading: SnapshotReading,
    options: Parameters<typeof loadPyodide>[0],
  ): Promise<{
    pyodide: PyodideAPI;
    kernel: KernelProxy;
    timings: StartTimings;
    fileBytes: number;
  } | null> {
    const given = message.snapshot!.key;
    const reject = (failed: boolean, reason: string) => {
      host.post({ kind: 'snapshot-rejected', key: given, failed, reason });
      return null;
    };
    if (given !== key) return reject(false, 'made for other files or another kernel');
    try {
      let started = performance.now();
      const create = await host.importPyodideModule!(message.indexUrl);
      const pyodide = await host.loadPyodide({
        ...options,
        _loadSnapshot: reading.heap,
        createPyodideModule: growingFactory(create, reading.heap),
      });
      const pyodideMs = performance.now() - started;
      started = performance.now();
      // The snapshot holds imported modules, not files: modules imported later and traceback sources need them.
      const files = await reading.files;
      restoreFolder(pyodide.FS, files);
      writeKernelFiles(pyodide, sources);
      const packagesMs = performance.now() - started;
      started = performance.now();
      const kernel = attachKernel(pyodide);
      const sympyMs = performance.now() - started;
      const timings: StartTimings = { pyodideMs, packagesMs, sympyMs, start: 'snapshot' };
      return { pyodide, kernel, timings, fileBytes: files.byteLength };
    } catch (error) {
      return reject(true, error instanceof Error ? error.message : String(error));
    }
  }

  function sendSnapshot(pyodide: PyodideAPI, key: string, sitePackages: string): void {
    try {
      const files = captureFolder(pyodide.FS, sitePackages);
      const bytes = pyodide.makeMemorySnapshot();
      const heap =
        bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength
          ? (bytes.buffer as ArrayBuffer)
          : bytes.slice().buffer;
      host.post({ kind: 'snapshot', snapshot: { key, heap, files } }, [heap, files]);
    } catch (error) {
      // A start without a snapshot for next time is still a good start.
      console.warn('[sandbox] no memory snapshot:', error);
    }
  }

  async function readPackages(indexUrl: string, manifestBytes: Uint8Array): Promise<Uint8Array> {
    const manifest = JSON.parse(new TextDecoder().decode(manifestBytes)) as PackagesManifest;
    const archive = await host.readFile(indexUrl, manifest.archive.file);
    const digest = await sha256Hex(archive);
    if (digest !== manifest.archive.sha256) {
      throw new Error(
        `${manifest.archive.file} does not match ${MANIFEST_FILE} (sha256 ${digest}); run npm run prepare:python again.`,
      );
    }
    return archive;
  }

  /** Installs each on-demand wheel the cell imports, once; one that fails leaves the cell its ModuleNotFoundError. */
  async function installImported(code: string): Promise<void> {
    if (!onDemand) return;
    const { pyodide, indexUrl, sitePackages } = onDemand;
    for (const wheel of onDemand.wheels) {
      if (!imports(code, wheel.name)) continue;
      onDemand.wheels = onDemand.wheels.filter((w) => w !== wheel);
      try {
        const bytes = await host.readFile(indexUrl, wheel.file);
        if ((await sha256Hex(bytes)) !== wheel.sha256)
          throw new Error(
            `${wheel.file} does not match ${MANIFEST_FILE}; run npm run prepare:python again.`,
          );
        pyodide.unpackArchive(bytes, 'wheel', { extractDir: sitePackages });
        (pyodide.pyimport('importlib') as { invalidate_caches(): void }).invalidate_caches();
      } catch (error) {
        console.warn(`[sandbox] ${wheel.name} could not be installed:`, error);
      }
    }
  }

  async function dispatch(message: ToWorker): Promise<void> {
    if (message.kind === 'init') return init(message);
    if (!kernel) {
      const error = {
        name: 'Error',
        message: 'The Python kernel is not ready.',
        code: 'internal',
      } as const;
      host.post({ kind: 'failed', id: message.id, error });
      return;
    }
    try {
      lastId = message.id;
      if (message.kind === 'run') {
        // An interrupt sent before 'started' was for whatever held the worker (a task a cell left), not this cell.
        if (interruptFlag) Atomics.store(interruptFlag, 0, 0);
        await installImported(message.code);
        host.post({ kind: 'started', id: message.id });
        const result = parseJson(kernel.run(message.code)) as KernelResult;
        host.post({ kind: 'result', id: message.id, result });
      } else if (message.kind === 'reset') {
        kernel.reset();
        host.post({ kind: 'done', id: message.id });
      } else {
        const cells = JSON.stringify(message.cells.map((cell) => [cell.number, cell.code]));
        kernel.restore(cells, message.executionCount);
        host.post({ kind: 'done', id: message.id });
      }
    } catch (error) {
      // kernel.py catches every Python exception, so anything here means Pyodide itself broke.
      host.post({ kind: 'failed', id: message.id, error: toErrorData(error, 'crashed') });
    }
  }

  return {
    handle(message) {
      // A failure here must not stall the chain: report it and go on with the next message.
      chain = chain
        .then(() => dispatch(message))
        .catch((error: unknown) =>
          host.post({ kind: 'failed', id: null, error: toErrorData(error, 'internal') }),
        );
    },
    // No text: what a cell's callback threw is the cell's words, not the worker's. Before 'ready' no cell ran.
    uncaught: () => {
      if (ready) host.post({ kind: 'uncaught', id: lastId });
    },
  };
}

/** The WebAssembly memory Python lives in (Pyodide keeps its Emscripten module on `_module`). */
function heapBytes(pyodide: PyodideAPI): number {
  const module = (pyodide as unknown as { _module?: { HEAPU8?: Uint8Array } })._module;
  return module?.HEAPU8?.byteLength ?? 0;
}

const sitePackagesOf = (pyodide: PyodideAPI) =>
  pyodide.runPython("import sysconfig; sysconfig.get_path('purelib')") as string;

/** Whether a cell imports `module` (`import numpy as np`, `import math, numpy`, `from numpy import …`). */
const imports = (code: string, module: string) =>
  new RegExp(`^\\s*(?:import\\s[^\\n#]*\\b${module}\\b|from\\s+${module}\\b)`, 'm').test(code);

/** The manifest's on-demand wheels and the packages it could not vendor; none when it cannot be read. */
async function onDemandPackages(manifest: Promise<Uint8Array>) {
  try {
    const parsed = JSON.parse(new TextDecoder().decode(await manifest)) as PackagesManifest;
    return {
      wheels: [...(parsed.onDemand ?? [])],
      unserved: (parsed.notVendored ?? []).map((p) => p.name),
    };
  } catch {
    return { wheels: [], unserved: [] };
  }
}

/** Unpacks the packages into site-packages and returns that folder. */
function installPackages(pyodide: PyodideAPI, archive: Uint8Array): string {
  const sitePackages = sitePackagesOf(pyodide);
  // Unpacked, not imported from the zip: zipimport made `import sympy` four times slower here.
  pyodide.unpackArchive(archive, 'zip', { extractDir: sitePackages });
  return sitePackages;
}

interface SnapshotReading {
  heap: Promise<Uint8Array>;
  files: Promise<Uint8Array>;
}

function readSnapshot(snapshot: StoredSnapshot): SnapshotReading {
  const heap = snapshot.heap.arrayBuffer().then((bytes) => {
    if (!looksLikeSnapshot(bytes)) throw new Error('not a Pyodide snapshot');
    return new Uint8Array(bytes);
  });
  const files = snapshot.files.arrayBuffer().then((bytes) => new Uint8Array(bytes));
  // Unread when the key does not fit; a failure is reported where the parts are used.
  heap.catch(() => {});
  files.catch(() => {});
  return { heap, files };
}

function writeKernelFiles(pyodide: PyodideAPI, sources: KernelSources): void {
  pyodide.FS.mkdirTree(KERNEL_DIR);
  pyodide.FS.writeFile(`${KERNEL_DIR}/__init__.py`, '');
  for (const [name, text] of Object.entries(sources)) {
    pyodide.FS.writeFile(`${KERNEL_DIR}/${name}`, text);
  }
}

interface KernelModule {
  warm_up(): void;
  kernel(): KernelProxy;
}

function installKernel(pyodide: PyodideAPI, sources: KernelSources): KernelProxy {
  writeKernelFiles(pyodide, sources);
  pyodide.runPython(`import sys; sys.path.insert(0, '${KERNEL_ROOT}')`);
  const module = pyodide.pyimport('tutor_kernel.kernel') as KernelModule;
  module.warm_up();
  return module.kernel();
}

/** After a restore: the kernel module is already imported; a quick cell proves the interpreter works. */
function attachKernel(pyodide: PyodideAPI): KernelProxy {
  // Outside the kernel's namespace and leaving nothing behind: the kernel stays as the snapshot kept it.
  const answer = pyodide.runPython("str(__import__('sympy').Integer(1) + 1)") as unknown;
  if (answer !== '2') throw new Error(`the restored interpreter answered ${String(answer)}`);
  return (pyodide.pyimport('tutor_kernel.kernel') as KernelModule).kernel();
}

/** Takes the JavaScript world and the network away from Python; after this no snapshot can be made. */
function lockKernel(pyodide: PyodideAPI): void {
  // Without these, `import js` and `import pyodide_js` hand a cell the JavaScript world directly.
  for (const name of ['js', 'pyodide_js']) {
    try {
      pyodide.unregisterJsModule(name);
    } catch {
      // Not registered in this build.
    }
  }
  (pyodide.pyimport('tutor_kernel.guard') as { lock_down(): void }).lock_down();
}

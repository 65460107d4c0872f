// The worker's logic, shared by the browser worker and the Node worker used by scripts and tests.
import type { PyodideAPI, loadPyodide } from 'pyodide';
import { toErrorData } from './errors';
import {
  MANIFEST_FILE,
  type FromWorker,
  type KernelResult,
  type PackagesManifest,
  type SandboxErrorCode,
  type ToWorker,
} from './protocol';

export interface WorkerHost {
  loadPyodide: typeof loadPyodide;
  /** Reads a file served beside Pyodide; rejects with a message that names what is missing. */
  readFile(indexUrl: string, file: string): Promise<Uint8Array>;
  post(message: FromWorker): void;
  /** Called once Python is ready, before any cell runs: takes the network and the page out of reach. */
  lockDown?(): void;
}

/** kernel.py and its modules: file name → source. */
export type KernelSources = Record<string, string>;

interface KernelProxy {
  run(code: string): string;
  reset(): void;
  restore(cellsJson: string, count: number): void;
}

// Taken before any cell runs: a cell that reaches JavaScript may replace the global JSON.
const parseJson = JSON.parse.bind(JSON);

const KERNEL_ROOT = '/sandbox'; // kernel.py and friends become the package tutor_kernel here
const KERNEL_DIR = `${KERNEL_ROOT}/tutor_kernel`;

/** Returns the worker's message handler; messages are handled strictly one after another. */
export function createWorkerCore(host: WorkerHost, sources: KernelSources) {
  let kernel: KernelProxy | null = null;
  let chain = Promise.resolve();

  async function init(indexUrl: string, buffer: SharedArrayBuffer | null): Promise<void> {
    let step: SandboxErrorCode = 'load-failed';
    try {
      let started = performance.now();
      host.post({ kind: 'progress', text: 'Loading Python…' });
      // The packages download and check while Pyodide starts; their failure is reported at their step.
      const archive = readPackages(indexUrl);
      archive.catch(() => {});
      const pyodide = await host.loadPyodide({
        indexURL: indexUrl,
        // Model code gets an empty `js` module, not the worker's globals.
        jsglobals: Object.create(null) as object,
        stdout: (line) => console.warn('[python]', line),
        stderr: (line) => console.warn('[python]', line),
      });
      // The client owns the flag: it clears it before each cell and sets 2 (SIGINT) to stop one.
      if (buffer) pyodide.setInterruptBuffer(new Int32Array(buffer));
      const pyodideMs = performance.now() - started;

      step = 'packages-failed';
      started = performance.now();
      host.post({ kind: 'progress', text: 'Loading SymPy…' });
      installPackages(pyodide, await archive);
      const packagesMs = performance.now() - started;

      step = 'kernel-failed';
      started = performance.now();
      host.post({ kind: 'progress', text: 'Importing SymPy…' });
      kernel = installKernel(pyodide, sources);
      const sympyMs = performance.now() - started;
      host.lockDown?.();
      host.post({ kind: 'ready', timings: { pyodideMs, packagesMs, sympyMs } });
    } catch (error) {
      host.post({ kind: 'failed', id: null, error: toErrorData(error, step) });
    }
  }

  async function readPackages(indexUrl: string): Promise<Uint8Array> {
    const manifestBytes = await host.readFile(indexUrl, MANIFEST_FILE);
    const manifest = JSON.parse(new TextDecoder().decode(manifestBytes)) as PackagesManifest;
    const archive = await host.readFile(indexUrl, manifest.archive.file);
    const digest = await sha256(archive);
    if (digest !== manifest.archive.sha256) {
      throw new Error(
        `${manifest.archive.file} does not match ${MANIFEST_FILE} (sha256 ${digest}); run npm run prepare:python again.`,
      );
    }
    return archive;
  }

  function handle(message: ToWorker): Promise<void> | void {
    if (message.kind === 'init') return init(message.indexUrl, message.interruptBuffer);
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
      if (message.kind === 'run') {
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

  return (message: ToWorker): void => {
    // A failure here must not stall the chain: report it and go on with the next message.
    chain = chain
      .then(() => handle(message))
      .catch((error: unknown) =>
        host.post({ kind: 'failed', id: null, error: toErrorData(error, 'internal') }),
      );
  };
}

function installPackages(pyodide: PyodideAPI, archive: Uint8Array): void {
  const sitePackages = pyodide.runPython(
    "import sysconfig; sysconfig.get_path('purelib')",
  ) as string;
  // Unpacked, not imported from the zip: zipimport made `import sympy` four times slower here.
  pyodide.unpackArchive(archive, 'zip', { extractDir: sitePackages });
}

function installKernel(pyodide: PyodideAPI, sources: KernelSources): KernelProxy {
  pyodide.FS.mkdirTree(KERNEL_DIR);
  pyodide.FS.writeFile(`${KERNEL_DIR}/__init__.py`, '');
  for (const [name, text] of Object.entries(sources)) {
    pyodide.FS.writeFile(`${KERNEL_DIR}/${name}`, text);
  }
  pyodide.runPython(`import sys; sys.path.insert(0, '${KERNEL_ROOT}')`);
  const module = pyodide.pyimport('tutor_kernel.kernel') as {
    warm_up(): void;
    Kernel(): KernelProxy;
  };
  module.warm_up();
  const kernel = module.Kernel();
  // Without these, `import js` and `import pyodide_js` hand a cell the JavaScript world directly.
  for (const name of ['js', 'pyodide_js']) {
    try {
      pyodide.unregisterJsModule(name);
    } catch {
      // Not registered in this build.
    }
  }
  (pyodide.pyimport('tutor_kernel.guard') as { lock_down(): void }).lock_down();
  return kernel;
}

async function sha256(bytes: Uint8Array): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>);
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}

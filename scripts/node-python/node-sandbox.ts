// PythonSandbox for Node (scripts and tests): the same client, with a worker_threads worker.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import {
  PythonSandbox,
  type PythonSandboxOptions,
  type WorkerEvents,
  type WorkerPort,
} from '../../src/sandbox/python-sandbox.ts';
import { MANIFEST_FILE } from '../../src/sandbox/protocol.ts';

/** The folder that holds pyodide/ (what the app serves as its base URL). */
export const publicDir = fileURLToPath(new URL('../../public/', import.meta.url));

export function isPrepared(): boolean {
  return existsSync(`${publicDir}pyodide/${MANIFEST_FILE}`);
}

// The worker is TypeScript: a two-line bootstrap registers tsx in it, whoever started this process (tsx, vitest).
const tsxApi = pathToFileURL(esmEntry('tsx', './esm/api')).href;
const workerFile = new URL('./node.worker.ts', import.meta.url).href;
const bootstrap = `import(${JSON.stringify(tsxApi)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(workerFile)}); });`;

/** The file a package exports to `import` (require.resolve would give the CommonJS one). */
function esmEntry(name: string, subpath: string): string {
  const manifestPath = createRequire(import.meta.url).resolve(`${name}/package.json`);
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as {
    exports: Record<string, { import: { default: string } }>;
  };
  return path.join(path.dirname(manifestPath), manifest.exports[subpath]!.import.default);
}

function createNodeWorker(events: WorkerEvents): WorkerPort {
  const worker = new Worker(bootstrap, { eval: true });
  let terminated = false;
  worker.on('message', (message) => events.message(message));
  worker.on('error', (error) =>
    events.error({ name: error.name, message: error.message, code: 'crashed' }),
  );
  worker.on('exit', (code) => {
    if (terminated) return;
    events.error({
      name: 'WorkerExit',
      message: `the worker exited with code ${code}`,
      code: 'crashed',
    });
  });
  return {
    post: (message, transfer) => worker.postMessage(message, transfer as never),
    terminate: () => {
      terminated = true;
      void worker.terminate();
    },
  };
}

export function createNodeSandbox(options: Partial<PythonSandboxOptions> = {}): PythonSandbox {
  return new PythonSandbox({
    baseUrl: publicDir,
    // worker_threads always share memory, so interrupts work without cross-origin isolation.
    allowInterrupt: true,
    createWorker: createNodeWorker,
    // Batch runs start once; tests that need snapshots pass their own store.
    snapshots: null,
    ...options,
  });
}

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
import { MANIFEST_FILE, type SnapshotParts } from '../../src/sandbox/protocol.ts';
import type { SnapshotStore } from '../../src/sandbox/snapshot-store.ts';
import { preparePython } from '../build/prepare-python.ts';

/** The folder that holds pyodide/ (what the app serves as its base URL). */
export const publicDir = fileURLToPath(new URL('../../public/', import.meta.url));

function isPrepared(): boolean {
  return existsSync(`${publicDir}pyodide/${MANIFEST_FILE}`);
}

/** Puts Python in place when it is not yet: once, before any sandbox starts. */
export async function ensurePythonPrepared(log: (line: string) => void): Promise<void> {
  if (!isPrepared()) await preparePython({ log });
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

/** The Cache API store's behaviour in this process's memory, handing out Blobs as it does; `state` for tests. */
export function memorySnapshotStore() {
  const state = {
    current: null as SnapshotParts | null,
    refusedKey: null as string | null,
    saved: 0,
    discarded: [] as Array<{ key: string; failed: boolean }>,
  };
  const store: SnapshotStore = {
    load: async () => {
      const stored = state.current;
      const snapshot = stored && {
        key: stored.key,
        heap: new Blob([stored.heap]),
        files: new Blob([stored.files]),
      };
      return { snapshot, refusedKey: state.refusedKey };
    },
    save: async (snapshot) => {
      state.current = snapshot;
      state.saved++;
    },
    discard: async (key, failed) => {
      state.discarded.push({ key, failed });
      if (state.current?.key === key) state.current = null;
      if (failed) state.refusedKey = key;
    },
  };
  return { store, state };
}

/**
 * What eval and bench:fidelity reset between their thousands of recorded problems: the namespace, unless
 * SANDBOX_RESET=interpreter asks for a pristine worker per problem as the browser and exec-cells give (seconds each).
 */
export function batchProblemReset(): 'interpreter' | 'namespace' {
  return process.env.SANDBOX_RESET === 'interpreter' ? 'interpreter' : 'namespace';
}

export function createNodeSandbox(options: Partial<PythonSandboxOptions> = {}): PythonSandbox {
  return new PythonSandbox({
    baseUrl: publicDir,
    // worker_threads always share memory, so interrupts work without cross-origin isolation.
    allowInterrupt: true,
    createWorker: createNodeWorker,
    // Each problem gets a pristine worker: the first start's snapshot, kept in memory, makes the spares quick.
    snapshots: memorySnapshotStore().store,
    ...options,
  });
}

// The Node twin of src/sandbox/sandbox.worker.ts: same worker core, files read from disk.
import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parentPort } from 'node:worker_threads';
import { loadPyodide } from 'pyodide';
import type { CreatePyodideModule } from '../../src/sandbox/memory-snapshot.ts';
import type { KernelSources, ToWorker } from '../../src/sandbox/protocol.ts';
import { createWorkerCore } from '../../src/sandbox/worker-core.ts';

const kernelDir = fileURLToPath(new URL('../../src/sandbox/python/', import.meta.url));

async function readKernelSources(): Promise<KernelSources> {
  const names = (await readdir(kernelDir)).filter((name) => name.endsWith('.py'));
  const texts = await Promise.all(
    names.map((name) => readFile(path.join(kernelDir, name), 'utf8')),
  );
  return Object.fromEntries(names.map((name, i) => [name, texts[i]!]));
}

const port = parentPort!;
const core = createWorkerCore(
  {
    loadPyodide,
    async readFile(indexUrl, file) {
      const where = path.join(indexUrl, file);
      try {
        // Pyodide rejects Node's Buffer subclass, so copy into a plain Uint8Array.
        return new Uint8Array(await readFile(where));
      } catch {
        throw new Error(`${where} is missing; run npm run prepare:python first.`);
      }
    },
    post: (message, transfer) => port.postMessage(message, transfer as never),
    async importPyodideModule(indexUrl) {
      const url = pathToFileURL(path.join(indexUrl, 'pyodide.asm.mjs')).href;
      return ((await import(url)) as { default: CreatePyodideModule }).default;
    },
  },
  await readKernelSources(),
);

port.on('message', (message: ToWorker) => core.handle(message));
// As in the browser worker: a callback that throws is the last cell's error, not the end of the worker.
process.on('uncaughtException', () => core.uncaught());

// The browser's Python worker (a module worker: Pyodide 314 needs one). The logic is in worker-core.ts.
import { loadPyodide } from 'pyodide';
import type { ToWorker } from './protocol';
import { kernelSources } from './kernel-sources';
import { createWorkerCore } from './worker-core';

const handle = createWorkerCore(
  {
    loadPyodide,
    async readFile(indexUrl, file) {
      const url = new URL(file, indexUrl).href;
      const response = await fetch(url);
      if (!response.ok) {
        throw new Error(
          `${url} answered ${response.status}; run npm run prepare:python and reload.`,
        );
      }
      return new Uint8Array(await response.arrayBuffer());
    },
    post: (message) => postMessage(message),
  },
  kernelSources,
);

onmessage = (event: MessageEvent<ToWorker>) => handle(event.data);

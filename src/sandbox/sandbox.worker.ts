// The browser's Python worker (a module worker: Pyodide 314 needs one). The logic is in worker-core.ts.
import { loadPyodide } from 'pyodide';
import type { ToWorker } from './protocol';
import { kernelSources } from './kernel-sources';
import type { CreatePyodideModule } from './memory-snapshot';
import { createWorkerCore } from './worker-core';
import { lockDownGlobals } from './worker-lockdown';

// Kept in this module's closure before the lockdown removes the globals; no cell can reach them.
const send = globalThis.postMessage.bind(globalThis);
const listen = globalThis.addEventListener.bind(globalThis);
const load = fetch.bind(globalThis);

const handle = createWorkerCore(
  {
    loadPyodide,
    async readFile(indexUrl, file) {
      const url = new URL(file, indexUrl).href;
      const response = await load(url);
      if (!response.ok) {
        throw new Error(
          `${url} answered ${response.status}; run npm run prepare:python and reload.`,
        );
      }
      return new Uint8Array(await response.arrayBuffer());
    },
    post: (message, transfer) => send(message, { transfer }),
    async importPyodideModule(indexUrl) {
      const url = new URL('pyodide.asm.mjs', indexUrl).href;
      return ((await import(/* @vite-ignore */ url)) as { default: CreatePyodideModule }).default;
    },
    lockDown() {
      const left = lockDownGlobals();
      if (left.length) console.warn('[sandbox] still reachable after the lockdown:', left);
    },
  },
  kernelSources,
);

// Only the page's messages: an event a cell builds and dispatches itself is not trusted.
listen('message', (event: MessageEvent<ToWorker>) => {
  if (event.isTrusted) handle(event.data);
});

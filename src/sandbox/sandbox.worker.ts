// The browser's Python worker (a module worker: Pyodide 314 needs one). The logic is in worker-core.ts.
import { loadPyodide } from 'pyodide';
import type { ToWorker } from './protocol';
import { kernelSources } from './kernel-sources';
import type { CreatePyodideModule } from './memory-snapshot';
import { createWorkerCore } from './worker-core';
import { lockDownGlobals, refuseStringCompilation } from './worker-lockdown';

// Kept in this module's closure before the lockdown removes the globals; no cell can reach them.
const send = globalThis.postMessage.bind(globalThis);
const listen = globalThis.addEventListener.bind(globalThis);
const load = fetch.bind(globalThis);

const core = createWorkerCore(
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
      const policy = policyRefusesStrings();
      const left = lockDownGlobals();
      if (left.length) console.warn('[sandbox] still reachable after the lockdown:', left);
      // Fail closed: with a way left to compile a string, a cell could import() from anywhere.
      const compiling = refuseStringCompilation();
      if (compiling.length) {
        throw new Error(
          `The Python worker could not turn off code generation from strings (${compiling.join(', ')}), so it runs no code.`,
        );
      }
      return policy;
    },
  },
  kernelSources,
);

/** Whether the script's Content-Security-Policy arrived (a bare host's first visit has none). */
function policyRefusesStrings(): boolean {
  try {
    new Function('');
    return false;
  } catch {
    return true;
  }
}

// Only the page's messages: an event a cell builds and dispatches itself is not trusted.
listen('message', (event: MessageEvent<ToWorker>) => {
  if (event.isTrusted) core.handle(event.data);
});
// A callback a cell scheduled that throws: that cell's error, reported without its text (the page would show it).
listen('error', (event: ErrorEvent) => {
  event.preventDefault();
  core.uncaught();
});

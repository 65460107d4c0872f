// The browser's worker, as Vite bundles it, and where it finds the Python files.
import type { WorkerEvents, WorkerPort } from './types';

export function indexUrlFor(baseUrl: string): string {
  const base = baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`;
  // Accept the pyodide/ folder itself too, so neither reading of "base URL" breaks loading.
  const folder = base.endsWith('/pyodide/') ? base : `${base}pyodide/`;
  const location = (globalThis as { location?: { href: string } }).location;
  // The worker lives under assets/, so hand it an absolute URL.
  return location ? new URL(folder, location.href).href : folder;
}

export function createModuleWorker(events: WorkerEvents): WorkerPort {
  const worker = new Worker(new URL('./sandbox.worker.ts', import.meta.url), { type: 'module' });
  worker.onmessage = (event: MessageEvent<unknown>) => events.message(event.data);
  worker.onerror = (event) => {
    event.preventDefault();
    events.error({
      name: 'WorkerError',
      message: event.message || 'the Python worker failed',
      code: 'crashed',
    });
  };
  worker.onmessageerror = () =>
    events.error({
      name: 'WorkerError',
      message: 'a message from the worker could not be read',
      code: 'internal',
    });
  return {
    post: (message, transfer = []) => worker.postMessage(message, transfer),
    terminate: () => worker.terminate(),
  };
}

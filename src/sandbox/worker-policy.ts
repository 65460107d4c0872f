// The Content-Security-Policy of the Python worker's script, sent by the servers and added by the service worker.

/**
 * If a cell ever reached the worker's JavaScript, it could neither build code from strings (`Function`, `eval`) nor
 * `import()` a script from another origin or a data: URL, nor connect elsewhere. Pyodide needs only its own files and
 * WebAssembly compilation.
 */
export const SANDBOX_WORKER_POLICY =
  "default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; connect-src 'self'";

/** The worker's script: `sandbox.worker-<hash>.js` in a build, the source file on the dev server. */
export function isSandboxWorker(pathname: string): boolean {
  return /\/sandbox\.worker(-[\w-]+)?\.(js|ts)$/.test(pathname);
}

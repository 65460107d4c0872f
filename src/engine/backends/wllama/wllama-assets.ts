import { CacheManager, type Wllama } from '@wllama/wllama/esm/index.js';
import wasmUrl from '@wllama/wllama/esm/wasm/wllama.wasm?url';
import compatWorkerUrl from '@wllama/wllama-compat/wasm/wllama.js?url';
import compatWasmUrl from '@wllama/wllama-compat/wasm/wllama.wasm?url';

export { wasmUrl };

/**
 * wllama's build without JSPI or memory64 (Safari, WebKit), served from this app's own origin: left to itself, wllama
 * fetches it from a CDN, which breaks offline use. Firefox keeps the faster default build (wllama's 'safari' mode).
 */
export function serveOwnCompatBuild(wllama: Pick<Wllama, 'setCompat'>): void {
  wllama.setCompat({ worker: compatWorkerUrl, wasm: compatWasmUrl });
}

/**
 * The app hands llama.cpp its parts as Blobs and keeps them itself, so wllama's own cache is never used; its default
 * one throws where the browser has no origin-private file system (WebKitGTK), which would stop every load.
 */
export const unusedCache = new CacheManager([
  {
    isSupported: () => true,
    read: async () => null,
    write: async () => {
      throw new Error('wllama’s own cache is not used: the app stores model files itself');
    },
    getSize: async () => -1,
    list: async () => [],
    delete: async () => undefined,
  },
]);

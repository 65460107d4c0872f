// The sha256 of a downloaded model in a worker, so the page stays responsive while a GB is hashed.
import { abortError } from '../abort';
import { sha256OfBlobs } from './sha256';
import type { Sha256Reply, Sha256Request } from './sha256-protocol';

export function sha256OffThread(
  blobs: readonly Blob[],
  onBytes: (hashed: number) => void,
  signal?: AbortSignal,
): Promise<string> {
  if (typeof Worker === 'undefined') return sha256OfBlobs(blobs, onBytes, signal);
  if (signal?.aborted) return Promise.reject(abortError());
  return new Promise<string>((resolve, reject) => {
    const worker = new Worker(new URL('./sha256.worker.ts', import.meta.url), { type: 'module' });
    const stop = () => {
      worker.terminate();
      reject(abortError());
    };
    signal?.addEventListener('abort', stop, { once: true });
    const end = () => {
      signal?.removeEventListener('abort', stop);
      worker.terminate();
    };
    worker.onmessage = (event: MessageEvent<Sha256Reply>) => {
      const reply = event.data;
      if (reply.kind === 'progress') return onBytes(reply.hashed);
      end();
      if (reply.kind === 'done') resolve(reply.hex);
      else reject(new Error(reply.message));
    };
    worker.onerror = (event) => {
      event.preventDefault();
      end();
      // A worker that cannot start (a strict host): hash here, slower but still right.
      sha256OfBlobs(blobs, onBytes, signal).then(resolve, reject);
    };
    const request: Sha256Request = { blobs: [...blobs] };
    worker.postMessage(request);
  });
}

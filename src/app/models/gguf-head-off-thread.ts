import { checkGgufHead, type GgufHeadCheck } from '../../engine/models/gguf-head-check';
import type { GgufHeadReply } from './gguf-head-protocol';

/** Below this the header reads in milliseconds: a worker's start would cost more. */
export const OFF_THREAD_BYTES = 1_000_000;

function checkInWorker(head: Uint8Array): Promise<GgufHeadCheck> {
  return new Promise((resolve) => {
    const worker = new Worker(new URL('./gguf-head.worker.ts', import.meta.url), {
      type: 'module',
    });
    worker.onmessage = (event: MessageEvent<GgufHeadReply>) => {
      worker.terminate();
      resolve(event.data);
    };
    worker.onerror = (event) => {
      event.preventDefault();
      worker.terminate();
      // A worker that cannot start (an old browser, a strict host): read it here, slower but still right.
      resolve(checkGgufHead(head));
    };
    const copy = head.slice();
    worker.postMessage(copy.buffer, [copy.buffer]);
  });
}

/** A GGUF header's check, in a worker when the header is large (a long vocabulary). */
export async function checkGgufHeadOffThread(head: Uint8Array): Promise<GgufHeadCheck> {
  if (head.byteLength < OFF_THREAD_BYTES || typeof Worker === 'undefined')
    return checkGgufHead(head);
  return checkInWorker(head);
}

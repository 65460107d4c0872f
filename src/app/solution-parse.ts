import { parseSavedSolution } from '../engine/backends/saved-solution';
import { EngineError } from '../engine/errors';
import type { SavedSolution } from '../engine/types';
import type { ParseReply } from './solution-parse-protocol';

/** Below this, decoding and parsing take a few milliseconds: a worker's start would cost more. */
export const OFF_THREAD_BYTES = 1_000_000;

function parseHere(bytes: Uint8Array): SavedSolution {
  return parseSavedSolution(new TextDecoder().decode(bytes));
}

function parseInWorker(bytes: Uint8Array): Promise<SavedSolution> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./solution-parse.worker.ts', import.meta.url), {
      type: 'module',
    });
    worker.onmessage = (event: MessageEvent<ParseReply>) => {
      worker.terminate();
      const reply = event.data;
      if (reply.ok) resolve(reply.solution);
      else reject(new EngineError('bad-trace', reply.message));
    };
    worker.onerror = (event) => {
      event.preventDefault();
      worker.terminate();
      // A worker that cannot start (an old browser, a strict host): parse here, slower but still right.
      try {
        resolve(parseHere(bytes));
      } catch (error) {
        reject(error);
      }
    };
    const copy = bytes.slice();
    worker.postMessage(copy.buffer, [copy.buffer]);
  });
}

/** A saved solution's bytes, parsed off the main thread when they are many; rejects with EngineError('bad-trace'). */
export async function parseSolutionBytes(bytes: Uint8Array): Promise<SavedSolution> {
  if (bytes.byteLength < OFF_THREAD_BYTES || typeof Worker === 'undefined') return parseHere(bytes);
  return parseInWorker(bytes);
}

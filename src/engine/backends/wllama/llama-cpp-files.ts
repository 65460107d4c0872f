// The GGUF work before llama.cpp starts, in a short-lived worker: read on the main thread, the header of a 150k-token
// vocabulary (Qwen2.5) froze the page for seconds.
import { EngineError } from '../../errors';
import { prepareFirstPart, type PreparedFirstPart } from './first-part';
import type {
  FirstPartReply,
  LlamaCppFilesReply,
  LlamaCppFilesRequest,
  SplitReply,
} from './llama-cpp-files-protocol';
import { splitForLlamaCpp } from './split-for-llama-cpp';

function inWorker<T>(request: LlamaCppFilesRequest, here: () => Promise<T>): Promise<T> {
  if (typeof Worker === 'undefined') return here();
  return new Promise<T>((resolve, reject) => {
    const worker = new Worker(new URL('./llama-cpp-files.worker.ts', import.meta.url), {
      type: 'module',
    });
    worker.onmessage = (event: MessageEvent<LlamaCppFilesReply<T>>) => {
      worker.terminate();
      if (event.data.ok) resolve(event.data.value);
      else reject(EngineError.from(event.data.error));
    };
    worker.onerror = (event) => {
      event.preventDefault();
      worker.terminate();
      // A worker that cannot start (a strict host): do it here, slower but still right.
      here().then(resolve, reject);
    };
    worker.postMessage(request);
  });
}

/** splitForLlamaCpp, off the main thread. */
export function splitOffThread(file: Blob, url: string, splitBytes: number): Promise<SplitReply> {
  return inWorker({ job: 'split', file, url, splitBytes }, () =>
    splitForLlamaCpp(file, url, splitBytes),
  );
}

/** prepareFirstPart, off the main thread. */
export function prepareFirstPartOffThread(
  first: Blob,
  partCount: number,
  url: string,
  textTokens: readonly string[],
): Promise<PreparedFirstPart> {
  const reply: Promise<FirstPartReply> = inWorker(
    { job: 'first-part', first, partCount, url, textTokens: [...textTokens] },
    () => prepareFirstPart(first, partCount, url, textTokens),
  );
  return reply;
}

import { EngineError } from '../../errors';
import { prepareFirstPart } from './first-part';
import type { LlamaCppFilesReply, LlamaCppFilesRequest } from './llama-cpp-files-protocol';
import { splitForLlamaCpp } from './split-for-llama-cpp';

// Reads and rewrites GGUF headers off the main thread: a 150k-token vocabulary and its merges take a second or more.
self.onmessage = async (event: MessageEvent<LlamaCppFilesRequest>) => {
  const request = event.data;
  let reply: LlamaCppFilesReply<unknown>;
  try {
    const value =
      request.job === 'split'
        ? await splitForLlamaCpp(request.file, request.url, request.splitBytes)
        : await prepareFirstPart(request.first, request.partCount, request.url, request.textTokens);
    reply = { ok: true, value };
  } catch (error) {
    reply = {
      ok: false,
      error:
        error instanceof EngineError
          ? error.toData()
          : { code: 'unknown', message: `${request.url} could not be read: ${String(error)}` },
    };
  }
  self.postMessage(reply);
};

import { checkGgufHead } from '../../engine/models/gguf-head-check';
import type { GgufHeadReply } from './gguf-head-protocol';

// Reads a model folder's GGUF header off the main thread: a vocabulary of a million tokens takes seconds.
self.onmessage = (event: MessageEvent<ArrayBuffer>) => {
  const reply: GgufHeadReply = checkGgufHead(new Uint8Array(event.data));
  self.postMessage(reply);
};

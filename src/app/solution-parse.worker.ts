import { parseSavedSolution } from '../engine/backends/saved-solution';
import type { ParseReply } from './solution-parse-protocol';

// Decodes and parses one saved solution off the main thread, where a large file would stall the page.
self.onmessage = (event: MessageEvent<ArrayBuffer>) => {
  let reply: ParseReply;
  try {
    reply = { ok: true, solution: parseSavedSolution(new TextDecoder().decode(event.data)) };
  } catch (error) {
    reply = { ok: false, message: error instanceof Error ? error.message : String(error) };
  }
  self.postMessage(reply);
};

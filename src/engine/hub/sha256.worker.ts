import { sha256OfBlobs } from './sha256';
import type { Sha256Reply, Sha256Request } from './sha256-protocol';

// Hashes a downloaded model off the main thread: hash-wasm's updates on a GB of chunks held it for most of a second at a time.
const post = (reply: Sha256Reply) => self.postMessage(reply);

self.onmessage = (event: MessageEvent<Sha256Request>) => {
  let shown = 0;
  sha256OfBlobs(event.data.blobs, (hashed) => {
    // At most one message per 4 MB read: each one is a task on the page.
    if (hashed - shown < 4 << 20) return;
    shown = hashed;
    post({ kind: 'progress', hashed });
  }).then(
    (hex) => post({ kind: 'done', hex }),
    (error: unknown) => post({ kind: 'failed', message: String(error) }),
  );
};

// The whole file's sha256, read piece by piece from storage: WebCrypto hashes only a whole buffer, and a 4 GB model
// must not be one buffer, so an incremental hasher (hash-wasm's WebAssembly SHA-256) reads it in chunks.
import { createSHA256 } from 'hash-wasm';
import { abortError } from '../abort';

export async function sha256OfBlobs(
  blobs: readonly Blob[],
  onBytes: (hashed: number) => void,
  signal?: AbortSignal,
): Promise<string> {
  const hasher = await createSHA256();
  hasher.init();
  let hashed = 0;
  for (const blob of blobs) {
    const reader = blob.stream().getReader();
    for (;;) {
      if (signal?.aborted) {
        await reader.cancel().catch(() => {});
        throw abortError();
      }
      const { done, value } = await reader.read();
      if (done) break;
      hasher.update(value);
      hashed += value.byteLength;
      onBytes(hashed);
    }
  }
  return hasher.digest('hex');
}

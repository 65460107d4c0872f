import { abortError } from '../../abort';
import { EngineError } from '../../errors';
import type { LoadProgress } from '../../types';

export interface PartSource {
  url: string;
  /** Expected size in bytes, for progress before the server says (and when it does not). */
  sizeBytes?: number;
}

const MB = 1e6;

function progressText(label: string, loaded: number, total: number): string {
  const percent = total > 0 ? ` (${Math.floor((100 * loaded) / total)}%)` : '';
  const of = total > 0 ? ` of ${(total / MB).toFixed(1)} MB` : '';
  return `Downloading ${label}: ${(loaded / MB).toFixed(1)} MB${of}${percent}`;
}

/** Downloads a model's GGUF parts in parallel into memory, reporting bytes and percent over all parts. */
export async function downloadParts(
  parts: readonly PartSource[],
  label: string,
  onProgress: (progress: LoadProgress) => void,
  signal?: AbortSignal,
  fetchImpl: typeof fetch = fetch,
): Promise<Uint8Array[]> {
  const loaded = parts.map(() => 0);
  const totals = parts.map((p) => p.sizeBytes ?? 0);
  const report = () => {
    const done = loaded.reduce((a, b) => a + b, 0);
    const total = totals.every((t) => t > 0) ? totals.reduce((a, b) => a + b, 0) : 0;
    onProgress({
      fraction: total > 0 ? Math.min(1, done / total) : null,
      text: progressText(label, done, total),
    });
  };
  report();
  const one = async (part: PartSource, index: number): Promise<Uint8Array> => {
    let response: Response;
    try {
      response = await fetchImpl(part.url, { signal });
    } catch (error) {
      if (signal?.aborted) throw abortError();
      throw new EngineError(
        'download-failed',
        `The model download failed at ${part.url}: ${String(error)}`,
        {
          cause: error,
        },
      );
    }
    const type = response.headers.get('content-type') ?? '';
    // Single-page-app hosts answer a missing file with index.html.
    if (!response.ok || type.includes('text/html')) {
      throw new EngineError(
        'model-files-missing',
        `A model file is missing: ${part.url} could not be downloaded (HTTP ${response.status}). Put the GGUF parts there (see public/models/README.md) or choose another model.`,
      );
    }
    const length = Number(response.headers.get('content-length') ?? '0');
    if (length > 0) totals[index] = length;
    if (!response.body) {
      const bytes = new Uint8Array(await response.arrayBuffer());
      loaded[index] = bytes.byteLength;
      report();
      return bytes;
    }
    const chunks: Uint8Array[] = [];
    const reader = response.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      loaded[index] = (loaded[index] ?? 0) + value.byteLength;
      report();
    }
    const bytes = new Uint8Array(loaded[index]!);
    let at = 0;
    for (const c of chunks) {
      bytes.set(c, at);
      at += c.byteLength;
    }
    return bytes;
  };
  try {
    return await Promise.all(parts.map(one));
  } catch (error) {
    if (signal?.aborted) throw abortError();
    throw error;
  }
}

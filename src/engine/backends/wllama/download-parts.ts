import { abortError } from '../../abort';
import { EngineError } from '../../errors';
import type { LoadProgress } from '../../types';
import { countedBody } from '../../hub/counted-body';
import { readFileAnswer } from '../../hub/file-answer';
import { StorageFullError, type PartStore } from '../../storage/part-store';

export interface PartSource {
  url: string;
  /** Expected size in bytes, for progress before the server says (and when it does not). */
  sizeBytes?: number;
}

export interface DownloadOptions {
  label: string;
  onProgress: (progress: LoadProgress) => void;
  signal?: AbortSignal;
  fetchImpl?: typeof fetch;
  /** Where parts are kept between visits; null downloads into memory only. */
  store?: PartStore | null;
}

const MB = 1e6;

function progressText(label: string, loaded: number, total: number, fromStorage: boolean): string {
  const percent = total > 0 ? ` (${Math.floor((100 * loaded) / total)}%)` : '';
  const of = total > 0 ? ` of ${(total / MB).toFixed(1)} MB` : '';
  const verb = fromStorage ? 'Loading' : 'Downloading';
  const where = fromStorage ? ' from browser storage' : '';
  return `${verb} ${label}${where}: ${(loaded / MB).toFixed(1)} MB${of}${percent}`;
}

async function fetchPart(part: PartSource, fetchImpl: typeof fetch, signal?: AbortSignal) {
  let response: Response;
  try {
    response = await fetchImpl(part.url, { signal });
  } catch (error) {
    if (signal?.aborted) throw abortError();
    throw new EngineError(
      'download-failed',
      `The model download failed at ${part.url}: ${String(error)}`,
      { cause: error },
    );
  }
  const answer = readFileAnswer(response);
  if (answer.kind === 'missing') {
    throw new EngineError(
      'model-files-missing',
      `A model file is missing: ${part.url} ${answer.words}. Put the GGUF parts there (see public/models/README.md) or choose another model.`,
    );
  }
  if (answer.kind === 'failed') {
    throw new EngineError(
      'download-failed',
      `The model download failed: ${part.url} ${answer.words}. Parts downloaded completely are kept; try again.`,
    );
  }
  return response;
}

/**
 * Gives a model's GGUF parts as Blobs: those already stored are read from browser storage, the rest downloaded in
 * parallel (into the store when there is one), with bytes and percent over all parts.
 */
export async function downloadParts(
  parts: readonly PartSource[],
  { label, onProgress, signal, fetchImpl = fetch, store = null }: DownloadOptions,
): Promise<Blob[]> {
  const loaded = parts.map(() => 0);
  const totals = parts.map((p) => p.sizeBytes ?? 0);
  const stored = await Promise.all(
    parts.map((p) => (store ? store.read(p.url, p.sizeBytes) : Promise.resolve(null))),
  );
  stored.forEach((blob, i) => {
    if (blob) loaded[i] = totals[i] = blob.size;
  });
  const fromStorage = stored.every((b) => b !== null);
  const report = () => {
    const done = loaded.reduce((a, b) => a + b, 0);
    const total = totals.every((t) => t > 0) ? totals.reduce((a, b) => a + b, 0) : 0;
    onProgress({
      fraction: total > 0 ? Math.min(1, done / total) : null,
      text: progressText(label, done, total, fromStorage),
    });
  };
  report();

  // The first failure stops the other parts' downloads; parts already complete stay stored for the retry.
  const stopAll = new AbortController();
  const partSignal = signal ? AbortSignal.any([signal, stopAll.signal]) : stopAll.signal;
  let firstError: unknown = null;
  const one = async (part: PartSource, index: number): Promise<Blob> => {
    const already = stored[index];
    if (already) return already;
    const response = await fetchPart(part, fetchImpl, partSignal);
    const length = Number(response.headers.get('content-length') ?? '0');
    if (length > 0) totals[index] = length;
    if (part.sizeBytes && length > 0 && length !== part.sizeBytes) {
      throw new EngineError(
        'model-files-missing',
        `${part.url} is ${length} bytes, but the model list says ${part.sizeBytes}. Replace the file or correct its size in models.json.`,
      );
    }
    const counted = countedBody(response, (received) => {
      loaded[index] = received;
      report();
    });
    const expected = part.sizeBytes ?? (length > 0 ? length : undefined);
    if (store) return store.write(part.url, counted, expected);
    const blob = await new Response(counted).blob();
    if (expected && blob.size !== expected) {
      throw new EngineError(
        'download-failed',
        `${part.url} arrived incomplete (${blob.size} of ${expected} bytes). Try again.`,
      );
    }
    return blob;
  };

  const settled = await Promise.allSettled(
    parts.map((part, i) =>
      one(part, i).catch((error: unknown) => {
        firstError ??= error;
        stopAll.abort();
        throw error;
      }),
    ),
  );
  if (firstError === null) return settled.map((s) => (s as PromiseFulfilledResult<Blob>).value);
  if (signal?.aborted) throw abortError();
  const error: unknown = firstError;
  if (error instanceof StorageFullError) {
    // A model that does not fit is removed whole: a part of it would only take room.
    await Promise.all(parts.map((p) => store?.remove(p.url)));
    throw new EngineError('storage-full', await storageFullMessage(parts, totals), {
      cause: error,
    });
  }
  if (error instanceof EngineError) throw error;
  throw new EngineError(
    'download-failed',
    `The model download was interrupted (${String(error)}). Parts downloaded completely are kept; try again.`,
    { cause: error },
  );
}

async function storageFullMessage(parts: readonly PartSource[], totals: number[]): Promise<string> {
  const need = totals.reduce((a, b) => a + b, 0);
  let free = '';
  try {
    const estimate = await navigator.storage.estimate();
    if (estimate.quota !== undefined && estimate.usage !== undefined) {
      free = ` It has ${((estimate.quota - estimate.usage) / MB).toFixed(0)} MB left for this site.`;
    }
  } catch {
    // No estimate: the message stands without it.
  }
  const size = need > 0 ? ` (${(need / MB).toFixed(0)} MB in ${parts.length} part(s))` : '';
  return `The browser has no room to store this model${size}.${free} Free disk space or delete other downloaded models, then try again.`;
}

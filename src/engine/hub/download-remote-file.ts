// One large model file from a hub, downloaded by HTTP Range in pieces into browser storage: several at a time,
// resumed across reloads piece by piece, checked against the hub's sha256, and given back as one disk-backed Blob.
// Only simple GETs with one Range header are sent (CORS-safelisted, so no host is asked a preflight), and each piece
// is judged by its status (206) and its length alone: the CDN behind a hub need not expose Content-Range.
import { abortError } from '../abort';
import { EngineError, isAbortError } from '../errors';
import type { LoadProgress } from '../types';
import { countedBody } from './counted-body';
import { StorageFullError, type PartStore } from '../storage/part-store';
import { downloadProgressText, checkingText } from './progress-text';
import {
  fileRecordKey,
  pieceKey,
  pieceRanges,
  DEFAULT_PIECE_BYTES,
  type PieceRange,
} from './pieces';
import { badAnswer, KEPT, unreachable } from './remote-answer';
import { probeRemoteFile, type RemoteFile } from './remote-file';
import { sha256OffThread } from './sha256-off-thread';

export interface RemoteFileRecord {
  size: number;
  sha256: string | null;
  pieceBytes: number;
  /** Every piece stored and the whole checked: the file loads from storage, offline too. */
  complete: boolean;
}

export interface RemoteDownloadOptions {
  label: string;
  onProgress: (progress: LoadProgress) => void;
  signal?: AbortSignal;
  store: PartStore | null;
  fetchImpl?: typeof fetch;
  pieceBytes?: number;
  /** Pieces downloaded at once. */
  parallel?: number;
  /** Size and sha256 as the hub's API (or models.json) gives them; without them the file is asked by one byte. */
  known?: { size: number; sha256: string | null };
  now?: () => number;
}

/** The file as a Blob of its stored pieces, downloading what is not stored yet. */
export async function downloadRemoteFile(
  url: string,
  options: RemoteDownloadOptions,
): Promise<Blob> {
  const { store, signal, onProgress, label } = options;
  const fetchImpl = options.fetchImpl ?? fetch;
  const recordKey = fileRecordKey(url);
  const record = store ? await store.readNote<RemoteFileRecord>(recordKey) : null;
  if (record?.complete) {
    const stored = await readPieces(store!, url, record);
    if (stored.every((b): b is Blob => b !== null)) {
      onProgress({ fraction: 1, text: `Loading ${label} from browser storage…` });
      return new Blob(stored);
    }
  }
  const remote = options.known
    ? { url, ...options.known }
    : await probeRemoteFile(url, fetchImpl, signal);
  const pieceBytes = options.pieceBytes ?? DEFAULT_PIECE_BYTES;
  // A file that changed on the hub, or a different piece size, makes the stored pieces useless.
  if (record && !sameLayout(record, remote, pieceBytes)) await removeRemoteFile(url, store!);
  const layout: RemoteFileRecord = {
    size: remote.size,
    sha256: remote.sha256,
    pieceBytes,
    complete: false,
  };
  await store?.writeNote(recordKey, layout);
  const pieces = await fetchPieces(url, remote, layout, options, fetchImpl);
  if (remote.sha256) await verify(url, remote.sha256, pieces, options);
  await store?.writeNote(recordKey, { ...layout, complete: true });
  return new Blob(pieces);
}

function sameLayout(record: RemoteFileRecord, remote: RemoteFile, pieceBytes: number): boolean {
  return (
    record.size === remote.size &&
    record.sha256 === remote.sha256 &&
    record.pieceBytes === pieceBytes
  );
}

function readPieces(store: PartStore, url: string, record: RemoteFileRecord) {
  const ranges = pieceRanges(record.size, record.pieceBytes);
  return Promise.all(
    ranges.map((r) => store.read(pieceKey(url, r, ranges.length), r.end - r.start)),
  );
}

async function fetchPieces(
  url: string,
  remote: RemoteFile,
  layout: RemoteFileRecord,
  options: RemoteDownloadOptions,
  fetchImpl: typeof fetch,
): Promise<Blob[]> {
  const { store, signal, onProgress, label } = options;
  const now = options.now ?? (() => performance.now());
  const ranges = pieceRanges(remote.size, layout.pieceBytes);
  const blobs: Array<Blob | null> = store
    ? await readPieces(store, url, layout)
    : ranges.map(() => null);
  const storedBytes = blobs.reduce((n, b) => n + (b?.size ?? 0), 0);
  const inFlight = new Map<number, number>();
  let fetched = 0;
  const started = now();
  const report = () => {
    const live = [...inFlight.values()].reduce((a, b) => a + b, 0);
    onProgress({
      fraction: (storedBytes + fetched + live) / remote.size,
      text: downloadProgressText(label, {
        done: storedBytes + fetched + live,
        total: remote.size,
        sessionBytes: fetched + live,
        elapsedMs: now() - started,
      }),
    });
  };
  report();

  const stopAll = new AbortController();
  const pieceSignal = signal ? AbortSignal.any([signal, stopAll.signal]) : stopAll.signal;
  const queue = ranges.filter((r) => !blobs[r.index]);
  const worker = async () => {
    for (let range = queue.shift(); range; range = queue.shift()) {
      inFlight.set(range.index, 0);
      const blob = await fetchPiece(url, range, ranges.length, remote.size, {
        store,
        signal: pieceSignal,
        fetchImpl,
        onBytes: (n) => {
          inFlight.set(range!.index, n);
          report();
        },
      });
      inFlight.delete(range.index);
      fetched += blob.size;
      blobs[range.index] = blob;
      report();
    }
  };
  let firstError: unknown = null;
  await Promise.allSettled(
    Array.from({ length: Math.min(options.parallel ?? 4, queue.length) }, () =>
      worker().catch((error: unknown) => {
        firstError ??= error;
        stopAll.abort();
      }),
    ),
  );
  if (firstError === null) return blobs as Blob[];
  if (signal?.aborted) throw abortError();
  throw describeFailure(firstError);
}

interface PieceOptions {
  store: PartStore | null;
  signal: AbortSignal;
  fetchImpl: typeof fetch;
  onBytes: (received: number) => void;
}

async function fetchPiece(
  url: string,
  range: PieceRange,
  count: number,
  size: number,
  { store, signal, fetchImpl, onBytes }: PieceOptions,
): Promise<Blob> {
  const whole = range.start === 0 && range.end === size;
  let response: Response;
  try {
    response = await fetchImpl(url, {
      headers: whole ? {} : { Range: `bytes=${range.start}-${range.end - 1}` },
      signal,
    });
  } catch (error) {
    throw unreachable(url, error, signal);
  }
  if (!response.ok) throw badAnswer(url, response);
  if (!whole && response.status !== 206) {
    void response.body?.cancel().catch(() => {});
    throw new EngineError(
      'download-failed',
      `${new URL(response.url || url).host} answered a request for bytes ${range.start}–${range.end - 1} with the ` +
        `whole file (HTTP ${response.status} instead of 206), so the model cannot be downloaded from it in pieces. ${KEPT}`,
    );
  }
  let received = 0;
  let ended = false;
  const counted = countedBody(response, (n) => {
    received = n;
    onBytes(n);
  }).pipeThrough(new TransformStream({ flush: () => void (ended = true) }));
  const expected = range.end - range.start;
  try {
    if (store) return await store.write(pieceKey(url, range, count), counted, expected);
    const blob = await new Response(counted).blob();
    if (blob.size !== expected) throw new Error(`${blob.size} of ${expected} bytes`);
    return blob;
  } catch (error) {
    if (signal.aborted || error instanceof StorageFullError) throw error;
    // A body that ended cleanly at the wrong length is the server's doing; one cut off is the connection's.
    const what = ended
      ? `The server sent a piece of the wrong length (${received} bytes where ${expected} were asked for).`
      : `The connection dropped while downloading the model (${received} of ${expected} bytes of a piece arrived).`;
    throw new EngineError('download-failed', `${what} ${KEPT}`, { cause: error });
  }
}

function describeFailure(error: unknown): Error {
  if (error instanceof StorageFullError) {
    return new EngineError(
      'storage-full',
      `The browser has no room left to store this model. Free disk space or delete other downloaded models. ${KEPT}`,
      { cause: error },
    );
  }
  if (error instanceof EngineError || isAbortError(error)) return error as Error;
  return new EngineError(
    'download-failed',
    `The model download failed (${String(error)}). ${KEPT}`,
    {
      cause: error,
    },
  );
}

async function verify(url: string, sha256: string, pieces: Blob[], options: RemoteDownloadOptions) {
  const total = pieces.reduce((n, b) => n + b.size, 0);
  options.onProgress({ fraction: 0, text: checkingText(options.label, 0) });
  let shown = -1;
  const actual = await sha256OffThread(
    pieces,
    (hashed) => {
      // One report per percent: the hasher reads chunks of 64 KB.
      const percent = Math.floor((100 * hashed) / total);
      if (percent === shown) return;
      shown = percent;
      options.onProgress({
        fraction: hashed / total,
        text: checkingText(options.label, hashed / total),
      });
    },
    options.signal,
  );
  if (actual === sha256) return;
  if (options.store) await removeRemoteFile(url, options.store);
  throw new EngineError(
    'download-failed',
    `The downloaded model does not match the checksum the hub publishes for it (sha256 ${sha256.slice(0, 12)}…, ` +
      `got ${actual.slice(0, 12)}…), so it was removed. Press Load model to download it again; if this repeats, ` +
      'the server sends a different file than it names.',
  );
}

/** Deletes every stored piece of the file and its record. */
export async function removeRemoteFile(url: string, store: PartStore): Promise<void> {
  const key = fileRecordKey(url);
  const record = await store.readNote<RemoteFileRecord>(key);
  if (record) {
    const ranges = pieceRanges(record.size, record.pieceBytes);
    await Promise.all(ranges.map((r) => store.remove(pieceKey(url, r, ranges.length))));
  }
  await store.removeNote(key);
}

/** What is stored of the file: all of it (checked), some pieces, or nothing. */
export async function remoteFileState(
  url: string,
  store: PartStore,
): Promise<{ status: 'downloaded' | 'partial' | 'absent'; storedBytes: number }> {
  const record = await store.readNote<RemoteFileRecord>(fileRecordKey(url));
  if (!record) return { status: 'absent', storedBytes: 0 };
  const pieces = await readPieces(store, url, record);
  const storedBytes = pieces.reduce((n, b) => n + (b?.size ?? 0), 0);
  const all = pieces.every((b) => b !== null);
  return { status: record.complete && all ? 'downloaded' : 'partial', storedBytes };
}

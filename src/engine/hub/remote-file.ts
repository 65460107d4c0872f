// Size and checksum of one remote file, from the headers the hub sends (as Hugging Face does: `x-linked-size` and the
// LFS sha256 in `x-linked-etag`), asked with a one-byte Range request so nothing large is sent.
import { EngineError } from '../errors';
import { badAnswer, unreachable } from './remote-answer';

export interface RemoteFile {
  url: string;
  size: number;
  /** The whole file's sha256 (hex) where the hub publishes it. */
  sha256: string | null;
}

const SHA256 = /^"?(?:W\/)?"?([0-9a-f]{64})"?$/i;

/** The sha256 in an ETag-like header, or null when it is some other tag. */
export function sha256FromTag(tag: string | null): string | null {
  const match = tag ? SHA256.exec(tag.trim()) : null;
  return match ? match[1]!.toLowerCase() : null;
}

function totalFromContentRange(value: string | null): number | null {
  const match = value ? /\/(\d+)\s*$/.exec(value) : null;
  return match ? Number(match[1]) : null;
}

export async function probeRemoteFile(
  url: string,
  fetchImpl: typeof fetch,
  signal?: AbortSignal,
): Promise<RemoteFile> {
  let response: Response;
  try {
    response = await fetchImpl(url, { headers: { Range: 'bytes=0-0' }, signal });
  } catch (error) {
    throw unreachable(url, error, signal);
  }
  // A server that ignores Range would send the whole file: only its headers are wanted.
  void response.body?.cancel().catch(() => {});
  if (!response.ok) throw badAnswer(url, response);
  if ((response.headers.get('content-type') ?? '').includes('text/html')) {
    throw badAnswer(url, response);
  }
  const linked = Number(response.headers.get('x-linked-size'));
  const size =
    totalFromContentRange(response.headers.get('content-range')) ??
    (Number.isSafeInteger(linked) && linked > 0 ? linked : null) ??
    (response.status === 200 ? Number(response.headers.get('content-length')) : NaN);
  if (!Number.isSafeInteger(size) || size <= 0) {
    throw new EngineError(
      'download-failed',
      `${url} did not say how large the file is (no Content-Range or x-linked-size), so it cannot be downloaded in pieces.`,
    );
  }
  const sha256 =
    sha256FromTag(response.headers.get('x-linked-etag')) ??
    sha256FromTag(response.headers.get('etag'));
  return { url, size, sha256 };
}

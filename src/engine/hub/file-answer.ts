/** What a server's answer to a request for a model file says, in words that finish "<url> …". */
export type FileAnswer =
  | { kind: 'file' }
  /** Not there: 404/410, or a page where the file should be. */
  | { kind: 'missing'; words: string }
  /** There may be a file, but the server would not give it (403, 429, 5xx, …). */
  | { kind: 'failed'; words: string };

type Answer = Pick<Response, 'ok' | 'status' | 'headers'>;

/** Reads a response to a model file's URL; a 200 that is a web page (a single-page host's fallback) is no file. */
export function readFileAnswer(response: Answer): FileAnswer {
  const type = response.headers.get('content-type') ?? '';
  if (response.ok && !type.includes('text/html')) return { kind: 'file' };
  if (response.ok) {
    return {
      kind: 'missing',
      words: 'is not on the server: it answered with a web page instead of the file',
    };
  }
  if (response.status === 404 || response.status === 410) {
    return { kind: 'missing', words: `is not on the server (HTTP ${response.status})` };
  }
  return {
    kind: 'failed',
    words: `could not be downloaded: the server answered HTTP ${response.status}`,
  };
}

import { EngineError } from '../engine/errors';
import { SOLUTION_LIMITS, sizeInWords } from '../engine/backends/saved-solution';
import { readFileAnswer } from '../engine/hub/file-answer';
import type { SavedSolution } from '../engine/types';
import { readBounded } from './bounded-read';
import { sameOriginUrl } from './config';
import { parseSolutionBytes } from './solution-parse';
import { urlFileName } from '../engine/url-name';

export interface OpenedSolution {
  solution: SavedSolution;
  /** Where it came from, for the model panel: a file name or the address's last part. */
  label: string;
}

/**
 * Checked before anything is parsed. Twice the text a saved solution may hold, for JSON's escapes and UTF-8's
 * multi-byte characters; a whole file of MathCoder's recorded traces (2 to 3 MB) fits.
 */
export const MAX_SOLUTION_FILE_BYTES = 2 * SOLUTION_LIMITS.total;

const limit = sizeInWords(MAX_SOLUTION_FILE_BYTES);
const tooLarge = (name: string, bytes: number) =>
  new EngineError(
    'bad-trace',
    `${name} is ${sizeInWords(bytes)}; this app opens saved solutions of at most ${limit}.`,
  );
const overLimit = (name: string) =>
  new EngineError(
    'bad-trace',
    `${name} is more than ${limit}; this app opens saved solutions of at most ${limit}.`,
  );

export async function readSolutionFile(file: File): Promise<OpenedSolution> {
  if (file.size > MAX_SOLUTION_FILE_BYTES) throw tooLarge(`The file ${file.name}`, file.size);
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(await file.arrayBuffer());
  } catch {
    throw new EngineError('bad-trace', `The file ${file.name} could not be read.`);
  }
  // The file may have grown since it was chosen.
  if (bytes.byteLength > MAX_SOLUTION_FILE_BYTES)
    throw tooLarge(`The file ${file.name}`, bytes.byteLength);
  return { solution: await parseSolutionBytes(bytes), label: file.name };
}

/** Fetches a `?playback=` solution; only this page's origin is trusted, so a link cannot feed it code from elsewhere. */
export async function fetchSolution(raw: string, page: Location | URL): Promise<OpenedSolution> {
  const url = sameOriginUrl(raw, page);
  if (!url) {
    throw new EngineError(
      'bad-trace',
      `The playback address ${raw} is not on this site (${page.origin}); only saved solutions from this site can be opened by link. Download the file and open it with "Open saved solution" instead.`,
    );
  }
  let response: Response;
  try {
    response = await fetch(url, { cache: 'no-store' });
  } catch {
    throw new EngineError(
      'bad-trace',
      `The saved solution at ${url.pathname} could not be downloaded.`,
    );
  }
  const answer = readFileAnswer(response);
  if (answer.kind !== 'file') {
    throw new EngineError('bad-trace', `The saved solution ${url.pathname} ${answer.words}.`);
  }
  const name = urlFileName(url);
  const length = Number(response.headers.get('content-length') ?? 0);
  if (length > MAX_SOLUTION_FILE_BYTES) throw tooLarge(`The saved solution ${name}`, length);
  // Without a length (a compressed or chunked answer), the first bytes past the limit stop the download.
  let bytes: Uint8Array = new Uint8Array();
  try {
    if (response.body) {
      bytes = await readBounded(response.body, MAX_SOLUTION_FILE_BYTES, () =>
        overLimit(`The saved solution ${name}`),
      );
    }
  } catch (error) {
    if (error instanceof EngineError) throw error;
    throw new EngineError(
      'bad-trace',
      `The saved solution at ${url.pathname} could not be downloaded.`,
    );
  }
  return { solution: await parseSolutionBytes(bytes), label: name };
}

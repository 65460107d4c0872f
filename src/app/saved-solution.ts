import { EngineError } from '../engine/errors';
import { parseSavedSolution, sizeInWords } from '../engine/backends/saved-solution';
import { readFileAnswer } from '../engine/backends/file-answer';
import type { SavedSolution } from '../engine/types';
import { sameOriginUrl } from './config';
import { urlFileName } from '../engine/url-name';

export interface OpenedSolution {
  solution: SavedSolution;
  /** Where it came from, for the model panel: a file name or the address's last part. */
  label: string;
}

/** Reading a larger file would itself stall the page; a record of MathCoder's traces is far smaller. */
export const MAX_SOLUTION_FILE_BYTES = 50_000_000;

const tooLarge = (name: string, bytes: number) =>
  new EngineError(
    'bad-trace',
    `${name} is ${sizeInWords(bytes)}; this app opens saved solutions of at most ${sizeInWords(MAX_SOLUTION_FILE_BYTES)}.`,
  );

export async function readSolutionFile(file: File): Promise<OpenedSolution> {
  if (file.size > MAX_SOLUTION_FILE_BYTES) throw tooLarge(`The file ${file.name}`, file.size);
  let text: string;
  try {
    text = await file.text();
  } catch {
    throw new EngineError('bad-trace', `The file ${file.name} could not be read.`);
  }
  return { solution: parseSavedSolution(text), label: file.name };
}

/** Fetches a `?replay=` solution; only this page's origin is trusted, so a link cannot feed it code from elsewhere. */
export async function fetchSolution(raw: string, page: Location | URL): Promise<OpenedSolution> {
  const url = sameOriginUrl(raw, page);
  if (!url) {
    throw new EngineError(
      'bad-trace',
      `The replay address ${raw} is not on this site (${page.origin}); only saved solutions from this site can be opened by link. Download the file and open it with "Open saved solution" instead.`,
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
  return { solution: parseSavedSolution(await response.text()), label: name };
}

// What went wrong when fetching a model file from a hub or a mirror, in words a student can act on. Pieces already
// stored stay stored in every case, so the next Load model resumes.
import { abortError } from '../abort';
import { EngineError } from '../errors';

/** Said after every failure but a checksum mismatch, which removes what was stored. */
export const KEPT =
  'Pieces downloaded so far are kept: press Load model again to go on from there.';

/** A fetch that threw: offline, the host unreachable, or an answer the browser refused (CORS, a redirect loop). */
export function unreachable(url: string, error: unknown, signal?: AbortSignal): Error {
  if (signal?.aborted) return abortError();
  const host = new URL(url).host;
  if (globalThis.navigator?.onLine === false) {
    return new EngineError('offline', `You are offline, so ${host} cannot be reached. ${KEPT}`, {
      cause: error,
    });
  }
  return new EngineError(
    'download-failed',
    `${host} could not be reached, or the browser refused its answer (the host is down, blocks this site by its ` +
      `CORS settings, or redirects in a loop). ${KEPT}`,
    { cause: error },
  );
}

/** A response that is not the file's bytes. */
export function badAnswer(url: string, response: Response): EngineError {
  const name = decodeURIComponent(new URL(url).pathname.split('/').pop() ?? url);
  const { status } = response;
  if (status === 404 || status === 410) {
    return new EngineError(
      'model-files-missing',
      `The model hub has no file ${name} at ${url} (HTTP ${status}): it was renamed or removed. ` +
        'Choose another model, or update the model list.',
    );
  }
  if (status === 401 || status === 403) {
    return new EngineError(
      'download-failed',
      `The model hub refused ${name} (HTTP ${status}): the repository is private or gated. Choose another model.`,
    );
  }
  if (status === 429) {
    const wait = Number(response.headers.get('retry-after'));
    const when = Number.isFinite(wait) && wait > 0 ? `about ${Math.ceil(wait)} s` : 'a minute';
    return new EngineError(
      'download-failed',
      `The model hub is limiting downloads from this network (HTTP 429). Wait ${when}, then press Load model. ${KEPT}`,
    );
  }
  if ((response.headers.get('content-type') ?? '').includes('text/html')) {
    return new EngineError(
      'model-files-missing',
      `${url} answered with a web page instead of the model file. Check the model list's address.`,
    );
  }
  return new EngineError(
    'download-failed',
    `The model hub answered HTTP ${status} for ${name}. ${KEPT}`,
  );
}

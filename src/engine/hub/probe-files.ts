import { readFileAnswer } from './file-answer';
import { modelDir, type SiteModel } from '../models/catalog';
import type { FileProbe } from '../models/model-fit';

/** The first file a model on this site needs, absolute: its MLC config, or its first GGUF part. */
export function firstFileUrl(option: SiteModel, baseUrl: string): string {
  const dir = modelDir(option, baseUrl);
  const first = option.ggufParts?.[0]?.file ?? 'mlc-chat-config.json';
  return new URL(first, dir).href;
}

/**
 * Asks the server whether a site model's first file is there, without downloading it: HEAD, or a one-byte
 * GET where HEAD is not allowed.
 */
export async function probeFirstFile(
  option: SiteModel,
  baseUrl: string,
  fetchImpl: typeof fetch = fetch,
): Promise<FileProbe> {
  const url = firstFileUrl(option, baseUrl);
  try {
    let response = await fetchImpl(url, { method: 'HEAD', cache: 'no-store' });
    if (response.status === 405 || response.status === 501) {
      response = await fetchImpl(url, { headers: { Range: 'bytes=0-0' }, cache: 'no-store' });
      void response.body?.cancel();
    }
    const answer = readFileAnswer(response);
    if (answer.kind === 'file') return 'present';
    return answer.kind === 'missing' ? 'missing' : 'unknown';
  } catch {
    return 'unknown';
  }
}

import { readFileAnswer } from '../../hub/file-answer';

/** Where a self-hosted model's files are served, absolute. */
export interface ModelLocation {
  /** The folder holding mlc-chat-config.json, tensor-cache.json, the shards and the tokenizer. */
  dir: string;
  modelLib: string;
}

type Fetch = (url: string, init?: RequestInit) => Promise<Response>;

/** A file the server does not give, and what it answered, in words that follow the URL. */
export interface MissingFile {
  url: string;
  words: string;
}

/** Asks the server for each file WebLLM needs and returns the first it does not serve, or null when all are there or the server is unreachable. */
export async function findMissingModelFile(
  location: ModelLocation,
  fetchFile: Fetch = fetch,
): Promise<MissingFile | null> {
  // false: served; null: the server cannot be reached, so nothing can be said.
  const missing = async (url: string): Promise<MissingFile | false | null> => {
    try {
      const answer = readFileAnswer(await fetchFile(url, { method: 'HEAD', cache: 'no-store' }));
      return answer.kind === 'file' ? false : { url, words: answer.words };
    } catch {
      return null;
    }
  };
  const readJson = async (url: string): Promise<unknown> => {
    try {
      const response = await fetchFile(url, { cache: 'no-store' });
      return response.ok ? await response.json() : null;
    } catch {
      return null;
    }
  };

  const configUrl = new URL('mlc-chat-config.json', location.dir).href;
  const manifestUrl = new URL('tensor-cache.json', location.dir).href;
  for (const url of [configUrl, manifestUrl, location.modelLib]) {
    const answer = await missing(url);
    if (answer !== false) return answer;
  }
  const config = (await readJson(configUrl)) as { tokenizer_files?: unknown } | null;
  const manifest = (await readJson(manifestUrl)) as {
    records?: Array<{ dataPath?: unknown }>;
  } | null;
  const tokenizerFiles = Array.isArray(config?.tokenizer_files)
    ? config.tokenizer_files
    : ['tokenizer.json'];
  const shards = (manifest?.records ?? []).map((r) => r.dataPath);
  const names = [
    ...new Set([...tokenizerFiles, ...shards].filter((n): n is string => typeof n === 'string')),
  ];
  for (const name of names) {
    const url = new URL(name, location.dir).href;
    const answer = await missing(url);
    if (answer !== false) return answer;
  }
  return null;
}

/** Where a self-hosted model's files are served, absolute. */
export interface ModelLocation {
  /** The folder holding mlc-chat-config.json, tensor-cache.json, the shards and the tokenizer. */
  dir: string;
  modelLib: string;
}

type Fetch = (url: string, init?: RequestInit) => Promise<Response>;

const MODEL_FILE = /\.(json|bin|wasm|model)$/;

/** Asks the server for each file WebLLM needs and returns the first it does not serve, or null when all are there or the server is unreachable. */
export async function findMissingModelFile(
  location: ModelLocation,
  fetchFile: Fetch = fetch,
): Promise<string | null> {
  const missing = async (url: string): Promise<boolean | null> => {
    try {
      const response = await fetchFile(url, { method: 'HEAD', cache: 'no-store' });
      // Single-page-app hosts answer unknown paths with index.html.
      const servesPage =
        MODEL_FILE.test(new URL(url).pathname) &&
        (response.headers.get('content-type') ?? '').includes('text/html');
      return !response.ok || servesPage;
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
    if (answer === null) return null;
    if (answer) return url;
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
    if (answer === null) return null;
    if (answer) return url;
  }
  return null;
}

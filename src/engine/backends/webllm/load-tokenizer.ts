import type { Tokenizer } from '@mlc-ai/web-tokenizers';
import type { TokenizerLike } from './webllm-language-model';
import { WEBLLM_SCOPES } from '../../storage/webllm-storage';

/** A file of a loaded model from WebLLM's cache (where loading it just put it), else from the server. */
async function cachedFile(scope: string, url: string): Promise<Response> {
  const cached = await globalThis.caches
    ?.open(scope)
    .then((c) => c.match(url))
    .catch(() => undefined);
  if (cached) return cached;
  const response = await fetch(url);
  if (!response.ok) throw new Error(`Request failed: ${url} (HTTP ${response.status})`);
  return response;
}

type TokenizerClass = typeof Tokenizer;

/** The package is a UMD file marked as an ES module: loaded as one it exports nothing and sets globalThis.tokenizers. */
async function tokenizerClass(): Promise<TokenizerClass> {
  const loaded = (await import('@mlc-ai/web-tokenizers')) as { Tokenizer?: TokenizerClass };
  const global = globalThis as { tokenizers?: { Tokenizer?: TokenizerClass } };
  const found = loaded.Tokenizer ?? global.tokenizers?.Tokenizer;
  if (!found) throw new Error('The tokenizer library (@mlc-ai/web-tokenizers) did not load.');
  return found;
}

export interface ModelTokenizer {
  tokenizer: TokenizerLike;
  contextWindow: number | null;
}

/** The loaded model's own tokenizer (the same tokenizer.json WebLLM read) and its context window. */
export async function loadModelTokenizer(dir: string): Promise<ModelTokenizer> {
  const Tokenizer = await tokenizerClass();
  const config = (await (
    await cachedFile(WEBLLM_SCOPES.config, new URL('mlc-chat-config.json', dir).href)
  ).json()) as { tokenizer_files?: string[]; context_window_size?: number };
  const files = config.tokenizer_files ?? ['tokenizer.json'];
  const bytes = async (name: string) =>
    (await cachedFile(WEBLLM_SCOPES.model, new URL(name, dir).href)).arrayBuffer();
  const tokenizer = files.includes('tokenizer.json')
    ? await Tokenizer.fromJSON(await bytes('tokenizer.json'))
    : await Tokenizer.fromSentencePiece(await bytes('tokenizer.model'));
  const window = config.context_window_size;
  return { tokenizer, contextWindow: typeof window === 'number' && window > 0 ? window : null };
}

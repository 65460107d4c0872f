// A model named as the GGUF ecosystem names it (llama.cpp's `-hf`, Ollama's `hf.co/…`, LM Studio): a hub repository
// and a quantization tag, `owner/repo:Q4_0`. The hub's API turns that into files, sizes, sha256s and a commit.
import { EngineError } from '../errors';

export interface HubModelRef {
  /** `owner/name`, as the hub spells it. */
  repo: string;
  /** The quantization, matched case-insensitively against the repository's .gguf file names. */
  tag: string;
}

const REPO = /^[A-Za-z0-9][\w.-]*\/[\w.-]+$/;
const TAG = /^[A-Za-z0-9][\w.-]*$/;

/** `owner/repo:TAG` as text. */
export function hubModelName({ repo, tag }: HubModelRef): string {
  return `${repo}:${tag}`;
}

export function isHubRepo(repo: string): boolean {
  return REPO.test(repo);
}

/** Finds the tag in a file name, e.g. `Q4_K_M` in `Model.Q4_K_M.gguf` (null when the name holds none). */
export function quantizationOf(fileName: string): string | null {
  const stem = fileName
    .replace(/^.*\//, '')
    .replace(/\.gguf$/i, '')
    .replace(/-\d{5}-of-\d{5}$/, '');
  const match = /(?:^|[-._])((?:I?Q\d[A-Z0-9_]*?)|BF16|F16|F32)(?=$|[-.])/i.exec(stem);
  return match ? match[1]!.toUpperCase() : null;
}

function refFrom(repo: string, tag: string | undefined, text: string): HubModelRef {
  if (!REPO.test(repo)) {
    throw new EngineError(
      'model-files-missing',
      `"${text}" does not name a hub repository (owner/repo:QUANT).`,
    );
  }
  if (!tag || !TAG.test(tag)) {
    throw new EngineError(
      'model-files-missing',
      `"${text}" names no quantization: add one after a colon, as in ${repo}:Q4_0.`,
    );
  }
  return { repo, tag };
}

/**
 * Reads what a user pastes: `owner/repo:QUANT`, `hf.co/owner/repo:QUANT`, or a hub address of the repository
 * (`…/owner/repo`, with `:QUANT`) or of one .gguf file in it (`…/blob|resolve/<rev>/<file>.gguf`: its tag is read from
 * the name).
 */
export function parseHubModelName(input: string): HubModelRef {
  const text = input.trim();
  const short =
    /^(?:(?:https?:\/\/)?(?:hf\.co|huggingface\.co)\/)?([^/:\s]+\/[^/:\s]+):([^/:\s]+)$/i.exec(
      text,
    );
  if (short) return refFrom(short[1]!, short[2], text);
  // `owner/repo` alone: no host in front of it.
  if (/^[^/:\s]+\/[^/:\s]+$/.test(text) && !/^(hf\.co|huggingface\.co)\//i.test(text)) {
    return refFrom(text, undefined, text);
  }
  let url: URL;
  try {
    url = new URL(/^https?:\/\//i.test(text) ? text : `https://${text}`);
  } catch {
    throw new EngineError(
      'model-files-missing',
      `"${text}" is neither owner/repo:QUANT nor a hub address.`,
    );
  }
  const [owner = '', name = '', kind, , ...file] = url.pathname
    .split('/')
    .slice(1)
    .map(decodeURIComponent);
  const repo = `${owner}/${name}`;
  if ((kind === 'blob' || kind === 'resolve') && file.length > 0) {
    return refFrom(repo, quantizationOf(file.join('/')) ?? undefined, text);
  }
  return refFrom(repo, undefined, text);
}

// The hub's JSON API, as huggingface.co serves it to browsers: two plain GETs (no custom header, so no preflight)
// turn `owner/repo:QUANT` into the commit to download from and the files of that quantization with size and sha256.
import { abortError } from '../abort';
import { EngineError } from '../errors';
import { hubFileUrl } from '../models/hub-file';
import { quantizationOf, hubModelName, type HubModelRef } from '../models/hub-model';
import { badAnswer, unreachable } from './remote-answer';

export interface HubModelFile {
  /** The path inside the repository. */
  path: string;
  size: number;
  /** The whole file's sha256 (hex), the LFS oid the tree lists. */
  sha256: string;
  /** Pinned to the commit: the same URL gives the same bytes on every visit. */
  url: string;
}

export interface ResolvedHubModel {
  repo: string;
  tag: string;
  /** The commit `main` pointed at when resolved. */
  commit: string;
  /** One file, or a `-00001-of-0000N` split set in order. */
  files: HubModelFile[];
}

interface TreeEntry {
  type?: string;
  path?: string;
  size?: number;
  lfs?: { oid?: string; size?: number };
}

const SPLIT = /-(\d{5})-of-(\d{5})\.gguf$/i;

async function getJson(url: string, fetchImpl: typeof fetch, signal?: AbortSignal) {
  let response: Response;
  try {
    response = await fetchImpl(url, { signal });
  } catch (error) {
    throw unreachable(url, error, signal);
  }
  return response;
}

function apiUrl(hubUrl: string, path: string): string {
  const base = hubUrl.endsWith('/') ? hubUrl : `${hubUrl}/`;
  return new URL(`api/models/${path}`, base).href;
}

/** The repository's commit at `main`, from `/api/models/<owner>/<repo>`. */
async function commitOf(
  hubUrl: string,
  ref: HubModelRef,
  fetchImpl: typeof fetch,
  signal?: AbortSignal,
): Promise<string> {
  const url = apiUrl(hubUrl, ref.repo);
  const response = await getJson(url, fetchImpl, signal);
  if (response.status === 401 || response.status === 404) {
    void response.body?.cancel().catch(() => {});
    throw new EngineError(
      'model-files-missing',
      `The model hub at ${new URL(hubUrl).host} has no repository ${ref.repo} (HTTP ${response.status}): ` +
        'check its name, or whether it is private.',
    );
  }
  if (!response.ok) throw apiFailed(url, response);
  const info = (await readJson(url, response)) as { sha?: unknown };
  if (typeof info.sha !== 'string' || !/^[0-9a-f]{40}$/i.test(info.sha)) {
    throw noApi(url, 'it names no commit');
  }
  return info.sha;
}

async function readJson(url: string, response: Response): Promise<unknown> {
  try {
    return await response.json();
  } catch {
    throw noApi(url, 'its answer is not JSON');
  }
}

function noApi(url: string, why: string): EngineError {
  return new EngineError(
    'download-failed',
    `${new URL(url).host} does not answer the model hub's API (${url}: ${why}). A mirror must serve ` +
      "/api/models/<owner>/<repo> and its tree, or list the model's file with its size and sha256 in models.json.",
  );
}

function apiFailed(url: string, response: Response): EngineError {
  if ((response.headers.get('content-type') ?? '').includes('text/html')) {
    return noApi(url, `HTTP ${response.status}, a web page`);
  }
  return badAnswer(url, response);
}

/** The .gguf files of the tree that carry `tag`: one file, or a whole split set. */
export function filesForTag(
  entries: readonly { path: string; size: number; sha256: string }[],
  ref: HubModelRef,
): { path: string; size: number; sha256: string }[] {
  const gguf = entries.filter((e) => /\.gguf$/i.test(e.path) && !/mmproj/i.test(e.path));
  const tag = ref.tag.toUpperCase();
  const matching = gguf.filter((e) => quantizationOf(e.path) === tag);
  if (matching.length === 0) {
    const have = [...new Set(gguf.map((e) => quantizationOf(e.path)).filter(Boolean))].sort();
    throw new EngineError(
      'model-files-missing',
      `${ref.repo} has no ${ref.tag} file. ` +
        (have.length > 0
          ? `It has these quantizations: ${have.join(', ')}.`
          : 'It has no .gguf file with a quantization in its name.'),
    );
  }
  // A split set is one model; of several single files (folders), the one nearest the top.
  const firsts = matching.filter((e) => SPLIT.exec(e.path)?.[1] === '00001');
  const single = matching.filter((e) => !SPLIT.test(e.path));
  if (single.length > 0) {
    return [single.sort((a, b) => a.path.split('/').length - b.path.split('/').length)[0]!];
  }
  const first = firsts[0];
  if (!first)
    throw new EngineError(
      'model-files-missing',
      `${hubModelName(ref)}: a split set without its first part.`,
    );
  const count = Number(SPLIT.exec(first.path)![2]);
  const stem = first.path.replace(SPLIT, '');
  const parts = Array.from({ length: count }, (_, i) => {
    const name = `${stem}-${String(i + 1).padStart(5, '0')}-of-${String(count).padStart(5, '0')}.gguf`;
    return matching.find((e) => e.path === name);
  });
  if (parts.some((p) => !p)) {
    throw new EngineError(
      'model-files-missing',
      `${hubModelName(ref)} is split into ${count} files, but the repository lacks some of them.`,
    );
  }
  return parts as { path: string; size: number; sha256: string }[];
}

/**
 * Resolves `owner/repo:QUANT` through the hub's API: the commit at `main`, then that commit's tree (`path`, `size`,
 * `lfs.oid`). Downloads go to `resolve/<commit>/…`, so a repository changed later never mixes into stored pieces.
 */
export async function resolveHubModel(
  hubUrl: string,
  ref: HubModelRef,
  { fetchImpl = fetch, signal }: { fetchImpl?: typeof fetch; signal?: AbortSignal } = {},
): Promise<ResolvedHubModel> {
  const commit = await commitOf(hubUrl, ref, fetchImpl, signal);
  const url = apiUrl(hubUrl, `${ref.repo}/tree/${commit}?recursive=true`);
  const response = await getJson(url, fetchImpl, signal);
  if (!response.ok) throw apiFailed(url, response);
  const listed = await readJson(url, response);
  if (signal?.aborted) throw abortError();
  if (!Array.isArray(listed)) throw noApi(url, 'its tree is not a list');
  const entries = (listed as TreeEntry[]).flatMap((e) => {
    const sha256 = e.lfs?.oid;
    const size = e.lfs?.size ?? e.size;
    const ok =
      e.type !== 'directory' &&
      typeof e.path === 'string' &&
      typeof sha256 === 'string' &&
      /^[0-9a-f]{64}$/i.test(sha256) &&
      Number.isSafeInteger(size) &&
      size! > 0;
    return ok ? [{ path: e.path!, size: size!, sha256: sha256!.toLowerCase() }] : [];
  });
  const files = filesForTag(entries, ref).map((f) => ({
    ...f,
    url: hubFileUrl(hubUrl, { repo: ref.repo, file: f.path, revision: commit }),
  }));
  return { repo: ref.repo, tag: ref.tag, commit, files };
}

// A stand-in for the Hugging Face hub on loopback, as a browser meets it: the hub origin answers the JSON API (repo
// info with its commit, the tree with sizes and LFS sha256s) and resolve URLs with a 302 (`x-linked-*` on the redirect
// only) to a second, Xet-like origin that serves the bytes: Range honoured, no `x-linked-*`, an ETag that is no
// sha256, Content-Range hidden from scripts, preflights refused. It fails on demand, so downloads are tested offline.
// Usage: npx tsx scripts/servers/stand-in-hub.ts --file owner/name[@revision]:path/in/repo.gguf:/local/file.gguf [--file …]
//        [--hub-port N] [--cdn-port N] [--host 127.0.0.1]
import { createHash, createHmac, randomBytes } from 'node:crypto';
import { createReadStream, statSync } from 'node:fs';
import {
  createServer,
  STATUS_CODES,
  type IncomingMessage,
  type OutgoingHttpHeaders,
  type Server,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';
import { basename } from 'node:path';
import { pipeline } from 'node:stream';
import { parseArgs } from 'node:util';
import { parseByteRange, rangeStart } from './byte-range.ts';
import { FailureRules, type FailRule, type HubOrigin } from './stand-in-hub-failures.ts';

export type { FailRule, HubOrigin } from './stand-in-hub-failures.ts';

export interface HubFile {
  /** `owner/name`. */
  repo: string;
  /** The file's path inside the repo; may contain `/`. */
  file: string;
  /** Default `main`; the commit it points at resolves too. */
  revision?: string;
  /** The file on disk. */
  path: string;
}

/** A served file with what the hub reports about it. */
export interface HubEntry extends Required<HubFile> {
  size: number;
  sha256: string;
  commit: string;
}

export interface HubRequest {
  origin: HubOrigin;
  method: string;
  /** Path and query, as the request line had them. */
  path: string;
  range: string | null;
  status: number;
}

export interface StandInHub {
  /** The `https://huggingface.co` origin, e.g. `http://127.0.0.1:PORT`. */
  hubUrl: string;
  /** The origin the hub redirects to, which serves the bytes. */
  cdnUrl: string;
  /** Every file of every commit, the first ones as started; `publish` adds more. */
  entries: readonly HubEntry[];
  /**
   * Commits `file` (new content from `file.path`) on top of its revision (default `main`), which then points at the
   * new commit; the old commit stays resolvable, as on the real hub.
   */
  publish(file: HubFile): Promise<HubEntry>;
  /** Every request both origins answered, oldest first; a test may empty it with `requests.length = 0`. */
  requests: HubRequest[];
  fail(rule: FailRule): void;
  clearFailures(): void;
  close(): Promise<void>;
}

export interface StandInHubOptions {
  /** Default 0: any free port. */
  hubPort?: number;
  cdnPort?: number;
  /** Default `127.0.0.1`. */
  host?: string;
}

// The hub origin exposes its own headers; a fetch() that follows its 302 never sees them anyway.
const hubExposed = [
  'Content-Range',
  'ETag',
  'Retry-After',
  'x-linked-size',
  'x-linked-etag',
  'x-repo-commit',
  'x-error-code',
  'x-error-message',
].join(', ');
// The CDN exposes nothing beyond the CORS-safelisted headers and its ETag: scripts cannot read Content-Range there.
const cdnExposed = 'ETag';

function corsHeaders(allowed: boolean, exposed = hubExposed): OutgoingHttpHeaders {
  return allowed
    ? { 'Access-Control-Allow-Origin': '*', 'Access-Control-Expose-Headers': exposed }
    : {};
}

function preflightHeaders(allowed: boolean): OutgoingHttpHeaders {
  if (!allowed) return {};
  return {
    ...corsHeaders(true),
    'Access-Control-Allow-Methods': 'GET, HEAD, OPTIONS',
    'Access-Control-Allow-Headers':
      'Range, If-Range, If-None-Match, If-Match, Authorization, Content-Type, Cache-Control',
    'Access-Control-Max-Age': '86400',
  };
}

function sha256OfFile(path: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const hash = createHash('sha256');
    createReadStream(path)
      .on('data', (chunk) => hash.update(chunk))
      .on('error', reject)
      .on('end', () => resolve(hash.digest('hex')));
  });
}

/** The git blob id of the file's LFS pointer, which the real hub sends as the redirect's ETag. */
function lfsPointerOid(sha256: string, size: number): string {
  const pointer = `version https://git-lfs.github.com/spec/v1\noid sha256:${sha256}\nsize ${size}\n`;
  return createHash('sha1')
    .update(`blob ${Buffer.byteLength(pointer)}\0${pointer}`)
    .digest('hex');
}

/** A commit id made from what the commit holds and the one before it. */
function commitOf(parent: string, files: readonly { file: string; sha256: string }[]): string {
  const hash = createHash('sha1').update(parent);
  for (const f of files) hash.update(`\n${f.file}:${f.sha256}`);
  return hash.digest('hex');
}

async function entryOf(file: HubFile): Promise<Omit<HubEntry, 'commit'>> {
  return {
    ...file,
    revision: file.revision ?? 'main',
    size: statSync(file.path).size,
    sha256: await sha256OfFile(file.path),
  };
}

/** The first commit of each repo and revision, holding the files started with. */
function firstCommits(files: Omit<HubEntry, 'commit'>[]): HubEntry[] {
  const groups = new Map<string, Omit<HubEntry, 'commit'>[]>();
  for (const f of files) {
    const key = `${f.repo}@${f.revision}`;
    groups.set(key, [...(groups.get(key) ?? []), f]);
  }
  return [...groups.entries()].flatMap(([key, group]) => {
    const commit = commitOf(key, group);
    return group.map((f) => ({ ...f, commit }));
  });
}

/** The tree listing's entry for one file, as the hub's API gives it (`lfs.oid` is the sha256). */
function treeEntry(entry: HubEntry, sha256: string) {
  return {
    type: 'file',
    oid: lfsPointerOid(sha256, entry.size),
    size: entry.size,
    path: entry.file,
    lfs: { oid: sha256, size: entry.size, pointerSize: 135 },
  };
}

/** `/api/models/<owner>/<name>[/tree/<revision>[/<folder…>]]`, decoded; null for any other path. */
function apiPath(pathname: string): { repo: string; revision: string | null } | null {
  const segments = pathname.split('/').slice(1);
  if (segments[0] !== 'api' || segments[1] !== 'models' || segments.length < 4) return null;
  try {
    const [, , owner = '', name = '', tree, revision = '', ...rest] =
      segments.map(decodeURIComponent);
    if (tree === undefined) return { repo: `${owner}/${name}`, revision: null };
    if (tree !== 'tree' || !revision || rest.some((part) => part !== '')) return null;
    return { repo: `${owner}/${name}`, revision };
  } catch {
    return null;
  }
}

function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve((server.address() as AddressInfo).port));
  });
}

/** `/<owner>/<name>/resolve/<revision>/<file…>`, decoded; null for any other path. */
function resolvePath(pathname: string): { repo: string; revision: string; file: string } | null {
  const segments = pathname.split('/').slice(1);
  if (segments.length < 5 || segments[2] !== 'resolve') return null;
  try {
    const [owner = '', name = '', , revision = '', ...file] = segments.map(decodeURIComponent);
    return { repo: `${owner}/${name}`, revision, file: file.join('/') };
  } catch {
    return null;
  }
}

/**
 * Preflights and methods other than GET and HEAD; true when the request is done with. The hub origin allows
 * preflights; the Xet-like CDN refuses them (403), as Xet storage is reported to.
 */
function answeredOtherMethods(
  request: IncomingMessage,
  response: ServerResponse,
  cors: boolean,
  origin: HubOrigin = 'hub',
): boolean {
  if (request.method === 'OPTIONS') {
    if (origin === 'cdn') answerJson(response, 403, {}, { error: 'Forbidden' });
    else response.writeHead(204, preflightHeaders(cors)).end();
    return true;
  }
  if (request.method === 'GET' || request.method === 'HEAD') return false;
  answerJson(
    response,
    405,
    { ...corsHeaders(cors), Allow: 'GET, HEAD, OPTIONS' },
    { error: 'Method not allowed' },
  );
  return true;
}

function answerJson(
  response: ServerResponse,
  status: number,
  headers: OutgoingHttpHeaders,
  body: object,
): void {
  const text = JSON.stringify(body);
  response
    .writeHead(status, {
      ...headers,
      'Content-Type': 'application/json; charset=utf-8',
      'Content-Length': Buffer.byteLength(text),
    })
    .end(text);
}

function answerRedirect(
  response: ServerResponse,
  location: string,
  headers: OutgoingHttpHeaders,
): void {
  const text = `Found. Redirecting to ${location}`;
  response
    .writeHead(302, {
      ...headers,
      Location: location,
      'Content-Type': 'text/plain; charset=utf-8',
      'Content-Length': Buffer.byteLength(text),
    })
    .end(text);
}

function answerFailureStatus(
  response: ServerResponse,
  status: number,
  headers: OutgoingHttpHeaders,
): void {
  // The hub asks a client it throttles to wait; a downloader should honour it.
  const retry = status === 429 ? { 'Retry-After': '30' } : {};
  answerJson(
    response,
    status,
    { ...headers, ...retry },
    { error: STATUS_CODES[status] ?? 'Error' },
  );
}

/** Starts both origins on loopback, once every file's sha256 is known (a 4 GB file takes a while). */
export async function startStandInHub(
  files: HubFile[],
  options: StandInHubOptions = {},
): Promise<StandInHub> {
  const host = options.host ?? '127.0.0.1';
  const entries = firstCommits(await Promise.all(files.map(entryOf)));
  // `owner/name@branch` → the commit it points at.
  const refs = new Map(entries.map((e) => [`${e.repo}@${e.revision}`, e.commit]));
  const failures = new FailureRules();
  const requests: HubRequest[] = [];
  // Signed CDN paths, as the real ones are: a client must follow the hub's redirect, not build CDN URLs itself.
  const signingKey = randomBytes(16);
  const signatureOf = (index: number) =>
    createHmac('sha256', signingKey).update(String(index)).digest('hex').slice(0, 32);
  const loopMarker = 'stand-in-loop';

  const reportedSha = (entry: HubEntry) =>
    failures.lies(entry.repo, entry.file)
      ? createHash('sha256').update(`wrong:${entry.sha256}`).digest('hex')
      : entry.sha256;
  const commitAt = (repo: string, revision: string) =>
    refs.get(`${repo}@${revision}`) ??
    (entries.some((e) => e.repo === repo && e.commit === revision) ? revision : undefined);
  const filesAt = (repo: string, commit: string) =>
    entries.filter((e) => e.repo === repo && e.commit === commit);
  const findEntry = (repo: string, revision: string, file: string) => {
    const commit = commitAt(repo, revision);
    return commit ? filesAt(repo, commit).find((e) => e.file === file) : undefined;
  };

  let hubUrl = '';
  let cdnUrl = '';

  function answerApi(
    response: ServerResponse,
    headers: OutgoingHttpHeaders,
    api: { repo: string; revision: string | null },
  ): void {
    const main = refs.get(`${api.repo}@main`);
    if (!entries.some((e) => e.repo === api.repo)) {
      return answerJson(response, 404, headers, { error: 'Repository not found' });
    }
    if (api.revision === null) {
      const listed = main ? filesAt(api.repo, main) : [];
      return answerJson(response, 200, headers, {
        _id: createHash('sha1').update(api.repo).digest('hex').slice(0, 24),
        id: api.repo,
        modelId: api.repo,
        sha: main,
        private: false,
        gated: false,
        tags: ['gguf'],
        siblings: listed.map((e) => ({ rfilename: e.file })),
      });
    }
    const commit = commitAt(api.repo, api.revision);
    if (!commit) {
      return answerJson(response, 404, headers, { error: `Invalid rev id: ${api.revision}` });
    }
    answerJson(
      response,
      200,
      headers,
      filesAt(api.repo, commit).map((e) => treeEntry(e, reportedSha(e))) as unknown as object,
    );
  }

  function answerHub(request: IncomingMessage, response: ServerResponse): void {
    const url = new URL(request.url ?? '/', hubUrl);
    const target = resolvePath(url.pathname);
    const api = target ? null : apiPath(url.pathname);
    const range = request.headers.range;
    const known = target && findEntry(target.repo, target.revision, target.file);
    const facts = {
      origin: 'hub' as const,
      repo: target?.repo ?? api?.repo ?? '',
      file: target?.file ?? '',
      rangeStart: rangeStart(range, known ? known.size : 0),
      api: api !== null,
    };
    const cors = !failures.take('no-cors', facts);
    const headers = corsHeaders(cors);
    if (answeredOtherMethods(request, response, cors)) return;
    if (url.searchParams.has(loopMarker) || failures.take('redirect-loop', facts)) {
      url.searchParams.set(loopMarker, '1');
      answerRedirect(response, url.href, headers);
      return;
    }
    const failStatus = failures.take('status', facts);
    if (failStatus) return answerFailureStatus(response, failStatus.status, headers);
    if (api) return answerApi(response, headers, api);
    if (!target) return answerJson(response, 404, headers, { error: 'Not found' });
    if (!entries.some((entry) => entry.repo === target.repo)) {
      const why = { 'x-error-code': 'RepoNotFound', 'x-error-message': 'Repository not found' };
      return answerJson(response, 404, { ...headers, ...why }, { error: 'Repository not found' });
    }
    if (!known) {
      const why = { 'x-error-code': 'EntryNotFound', 'x-error-message': 'Entry not found' };
      return answerJson(response, 404, { ...headers, ...why }, { error: 'Entry not found' });
    }
    const index = entries.indexOf(known);
    const location = `${cdnUrl}/xet/${known.sha256}?entry=${index}&sig=${signatureOf(index)}`;
    // `x-linked-*` and `x-repo-commit` live on this 302 only: a fetch() that follows it never sees them.
    answerRedirect(response, location, {
      ...headers,
      'x-linked-size': String(known.size),
      'x-linked-etag': `"${reportedSha(known)}"`,
      'x-repo-commit': known.commit,
      ETag: `"${lfsPointerOid(reportedSha(known), known.size)}"`,
    });
  }

  function answerCdn(request: IncomingMessage, response: ServerResponse): void {
    const url = new URL(request.url ?? '/', cdnUrl);
    const index = Number(url.searchParams.get('entry'));
    const entry = entries[index];
    const range = request.headers.range;
    const facts = {
      origin: 'cdn' as const,
      repo: entry?.repo ?? '',
      file: entry?.file ?? '',
      rangeStart: rangeStart(range, entry?.size ?? 0),
      api: false,
    };
    const cors = !failures.take('no-cors', facts);
    const headers = corsHeaders(cors, cdnExposed);
    if (answeredOtherMethods(request, response, cors, 'cdn')) return;
    const signed =
      entry &&
      url.pathname === `/xet/${entry.sha256}` &&
      url.searchParams.get('sig') === signatureOf(index);
    if (!signed) return answerJson(response, 403, headers, { error: 'Access denied' });
    const failStatus = failures.take('status', facts);
    if (failStatus) return answerFailureStatus(response, failStatus.status, headers);

    // Xet storage's ETag is its own content hash, not the file's sha256.
    const etag = `"${createHash('md5').update(entry.sha256).digest('hex')}"`;
    const fileHeaders = {
      ...headers,
      ETag: etag,
      'Accept-Ranges': 'bytes',
      'Content-Type': 'application/octet-stream',
    };
    // A client resuming against a changed file names the old ETag in If-Range: it must get the whole new file.
    const ifRange = request.headers['if-range'];
    const ignoreRange = failures.take('ignore-range', facts);
    const span =
      (ifRange && ifRange !== etag) || ignoreRange ? null : parseByteRange(range, entry.size);
    if (span === 'unsatisfiable') {
      response
        .writeHead(416, {
          ...fileHeaders,
          'Content-Range': `bytes */${entry.size}`,
          'Content-Length': 0,
        })
        .end();
      return;
    }
    const { start, end: asked } = span ?? { start: 0, end: entry.size - 1 };
    // A short piece: a well-formed 206 that holds half the bytes asked for.
    const short = span && asked > start && failures.take('short', facts);
    const end = short ? start + Math.floor((asked - start) / 2) : asked;
    const length = end - start + 1;
    response.writeHead(span ? 206 : 200, {
      ...fileHeaders,
      'Content-Length': length,
      ...(span ? { 'Content-Range': `bytes ${start}-${end}/${entry.size}` } : {}),
    });
    if (request.method === 'HEAD' || length === 0) {
      response.end();
      return;
    }
    if (failures.take('drop', facts)) return dropHalfway(response, entry.path, start, length);
    pipeline(createReadStream(entry.path, { start, end }), response, () => {});
  }

  async function publish(file: HubFile): Promise<HubEntry> {
    const next = await entryOf(file);
    const key = `${next.repo}@${next.revision}`;
    const parent = refs.get(key) ?? '';
    const kept = parent ? filesAt(next.repo, parent).filter((e) => e.file !== next.file) : [];
    const held = [...kept, next];
    const commit = commitOf(parent || key, held);
    const added = held.map((e) => ({ ...e, commit }));
    entries.push(...added);
    refs.set(key, commit);
    return added[added.length - 1]!;
  }

  const recorded =
    (origin: HubOrigin, answer: (request: IncomingMessage, response: ServerResponse) => void) =>
    (request: IncomingMessage, response: ServerResponse) => {
      try {
        answer(request, response);
      } catch (error) {
        if (!response.headersSent) answerJson(response, 500, {}, { error: String(error) });
      }
      requests.push({
        origin,
        method: request.method ?? '',
        path: request.url ?? '',
        range: request.headers.range ?? null,
        status: response.statusCode,
      });
    };

  const hub = createServer(recorded('hub', answerHub));
  const cdn = createServer(recorded('cdn', answerCdn));
  const urlHost = host.includes(':') ? `[${host}]` : host;
  hubUrl = `http://${urlHost}:${await listen(hub, options.hubPort ?? 0, host)}`;
  cdnUrl = `http://${urlHost}:${await listen(cdn, options.cdnPort ?? 0, host)}`;

  const closeServer = (server: Server) =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return {
    hubUrl,
    cdnUrl,
    entries,
    publish,
    requests,
    fail: (rule) => failures.add(rule),
    clearFailures: () => failures.clear(),
    close: async () => void (await Promise.all([closeServer(hub), closeServer(cdn)])),
  };
}

/** Sends about half the promised bytes, then ends the connection: what a download sees when a link drops mid-piece. */
function dropHalfway(response: ServerResponse, path: string, start: number, length: number): void {
  const half = Math.floor(length / 2);
  const socket = response.socket;
  const hangUp = () => void socket?.end(() => socket.destroy());
  if (half === 0) return hangUp();
  const bytes = createReadStream(path, { start, end: start + half - 1 });
  response.on('close', () => bytes.destroy());
  bytes.on('error', () => socket?.destroy());
  bytes.on('end', hangUp);
  bytes.pipe(response, { end: false });
}

/** `owner/name[@revision]:path/in/repo:/file/on/disk`; the disk path may itself hold colons. */
export function parseFileSpec(spec: string): HubFile {
  const [repoAt = '', file = '', ...rest] = spec.split(':');
  const [repo = '', revision] = repoAt.split('@');
  if (!/^[^/]+\/[^/]+$/.test(repo) || !file || rest.length === 0) {
    throw new Error(`--file wants owner/name[@revision]:file:path, not ${spec}`);
  }
  return { repo, file, path: rest.join(':'), ...(revision ? { revision } : {}) };
}

async function main(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      file: { type: 'string', multiple: true },
      'hub-port': { type: 'string' },
      'cdn-port': { type: 'string' },
      host: { type: 'string' },
    },
  });
  const files = (values.file ?? []).map(parseFileSpec);
  if (files.length === 0) throw new Error('name at least one --file owner/name:file:path');
  const hub = await startStandInHub(files, {
    hubPort: Number(values['hub-port'] ?? 0),
    cdnPort: Number(values['cdn-port'] ?? 0),
    ...(values.host ? { host: values.host } : {}),
  });
  console.log(JSON.stringify({ hubUrl: hub.hubUrl, cdnUrl: hub.cdnUrl }));
  const stop = () => void hub.close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

if (process.argv[1] && import.meta.url.endsWith(basename(process.argv[1]))) {
  main(process.argv.slice(2)).catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}

// A file on a model hub that works as Hugging Face's does: `<hub>/<owner>/<repo>/resolve/<revision>/<path>`.

/** Where models come from unless a build (VITE_MODEL_HUB) or models.json (`hub`) names a mirror. */
export const DEFAULT_HUB_URL = 'https://huggingface.co';

export interface HubFile {
  /** `owner/name`, as the hub spells it. */
  repo: string;
  /** The file's path inside the repository. */
  file: string;
  /** A branch, tag or commit; `main` when left out. */
  revision?: string;
}

const REPO = /^[A-Za-z0-9][\w.-]*\/[\w.-]+$/;

/** The file's download address on `hubUrl` (a mirror may sit below a path: `https://school.example/hf`). */
export function hubFileUrl(hubUrl: string, { repo, file, revision = 'main' }: HubFile): string {
  if (!REPO.test(repo)) throw new Error(`"${repo}" is not a hub repository (owner/name).`);
  const path = file
    .split('/')
    .map((part) => encodeURIComponent(part))
    .join('/');
  const base = hubUrl.endsWith('/') ? hubUrl : `${hubUrl}/`;
  return new URL(`${repo}/resolve/${encodeURIComponent(revision)}/${path}`, base).href;
}

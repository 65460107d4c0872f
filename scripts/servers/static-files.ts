// What the project's own static servers share: content types, and a URL path mapped to a file inside one folder.
import { statSync } from 'node:fs';
import path from 'node:path';

export const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.mjs': 'text/javascript',
  '.css': 'text/css',
  '.json': 'application/json',
  '.webmanifest': 'application/manifest+json',
  '.wasm': 'application/wasm',
  '.zip': 'application/zip',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
};

export const contentTypeOf = (file: string) =>
  contentTypes[path.extname(file)] ?? 'application/octet-stream';

/** The file a URL path names under `root` (a folder's index.html for a folder), or null outside it or missing. */
export function fileIn(root: string, urlPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null; // a malformed escape (`/%E0`) names no file; it must not bring the server down
  }
  const wanted = path.join(root, decoded);
  if (wanted !== root && !wanted.startsWith(root + path.sep)) return null;
  for (const candidate of [wanted, path.join(wanted, 'index.html')]) {
    try {
      if (statSync(candidate).isFile()) return candidate;
    } catch {
      // try the next candidate
    }
  }
  return null;
}

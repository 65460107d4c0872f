// Gives each precached file a sha256 integrity in the service worker's manifest, so that the worker can refuse a
// cached copy whose bytes were changed after it stored them (src/precache-integrity.ts).
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { ManifestTransform } from 'workbox-build';

export const sha256Integrity = (bytes: Uint8Array) =>
  `sha256-${createHash('sha256').update(bytes).digest('base64')}`;

/** `outDir()` is read when the transform runs, after the build has resolved its output folder. */
export function integrityTransform(outDir: () => string): ManifestTransform {
  return (entries) => ({
    manifest: entries.map((entry) => ({
      ...entry,
      integrity: sha256Integrity(readFileSync(path.join(outDir(), entry.url))),
    })),
    warnings: [],
  });
}

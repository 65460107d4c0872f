// The installable, offline app: manifest, service worker (Workbox through vite-plugin-pwa) and the version shown in the page.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Plugin } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';
import { integrityTransform } from './precache-integrity.ts';

/** The largest file the app needs offline is the Python packages archive (about 13 MB). */
const MAX_PRECACHED_BYTES = 24 * 1024 * 1024;

/** APP_VERSION overrides the package version, so two builds can be told apart (the update test does). */
export function appVersion(): string {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
    version: string;
  };
  return process.env.APP_VERSION ?? pkg.version;
}

function versionPlugin(): Plugin {
  return {
    name: 'app-version',
    config: () => ({ define: { __APP_VERSION__: JSON.stringify(appVersion()) } }),
  };
}

export function pwaPlugins(): Plugin[] {
  let outDir = 'dist';
  const outDirPlugin: Plugin = {
    name: 'precache-out-dir',
    configResolved: (config) => void (outDir = path.resolve(config.root, config.build.outDir)),
  };
  return [
    versionPlugin(),
    outDirPlugin,
    ...VitePWA({
      registerType: 'prompt',
      // src/app/app-updates.ts registers the worker once Python has loaded, so the two downloads do not compete.
      injectRegister: false,
      // The icons are already in the glob below; listing them twice would only repeat them.
      includeManifestIcons: false,
      // A file over the limit would be left out of the offline copy: say so at build time (the offline test fails too).
      showMaximumFileSizeToCacheInBytesWarning: true,
      manifest: {
        id: './',
        name: 'MathCoder Tutor',
        short_name: 'MathCoder',
        description:
          'A math tutor that runs entirely in your browser: a language model reasons, writes Python, runs it and continues.',
        lang: 'en',
        // Relative to the manifest, so the app installs and starts from whatever sub-path it is served under.
        start_url: './',
        scope: './',
        display: 'standalone',
        theme_color: '#2457c5',
        background_color: '#f6f7f9',
        categories: ['education'],
        icons: [
          { src: 'icons/icon-192.png', sizes: '192x192', type: 'image/png' },
          { src: 'icons/icon-512.png', sizes: '512x512', type: 'image/png' },
          {
            src: 'icons/icon-maskable-512.png',
            sizes: '512x512',
            type: 'image/png',
            purpose: 'maskable',
          },
        ],
      },
      // Our own worker (src/sw.ts), so the offline copy can reuse what the first visit downloaded.
      strategies: 'injectManifest',
      srcDir: 'src',
      filename: 'sw.ts',
      injectManifest: {
        // App shell, Pyodide and the Python packages; KaTeX fonts as woff2 only, which every browser that runs this reads.
        globPatterns: ['**/*.{html,js,mjs,css,wasm,zip,json,woff2,svg,png}'],
        // Model weights stay in the runtimes' own caches: never a second copy of gigabytes.
        // The compat build (16 MB) only Safari needs: the service worker caches it when it is first used.
        globIgnores: ['models/**', 'test-models/**', '**/*.gguf', 'assets/compat/**'],
        maximumFileSizeToCacheInBytes: MAX_PRECACHED_BYTES,
        // The worker checks each cached copy against it before serving it.
        manifestTransforms: [integrityTransform(() => outDir)],
      },
    }),
  ];
}

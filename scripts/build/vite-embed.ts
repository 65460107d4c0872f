import path from 'node:path';
import { build, type Plugin, type ResolvedConfig } from 'vite';

/**
 * Builds the host library beside the app after the app's own build: embed.js (a classic script that defines
 * `MathCoderTutor`) and embed.mjs (an ES module), both self-contained so another site can load them directly.
 */
export function embedHostLibrary(): Plugin {
  let config: ResolvedConfig;
  // closeBundle runs after a failed build too; the library is built only beside a complete app.
  let failed = false;
  return {
    name: 'embed-host-library',
    apply: 'build',
    configResolved(resolved) {
      config = resolved;
    },
    buildEnd(error) {
      failed = error !== undefined;
    },
    renderError() {
      failed = true;
    },
    async closeBundle() {
      if (failed) return;
      for (const format of ['es', 'iife'] as const) {
        await build({
          configFile: false,
          root: config.root,
          base: config.base,
          logLevel: 'warn',
          // A classic script has no import.meta; it finds its own address through document.currentScript.
          define: format === 'iife' ? { 'import.meta.url': 'undefined' } : {},
          build: {
            outDir: config.build.outDir,
            emptyOutDir: false,
            copyPublicDir: false,
            sourcemap: true,
            lib: {
              entry: path.resolve(config.root, 'src/embed/host.ts'),
              name: 'MathCoderTutor',
              formats: [format],
              fileName: () => (format === 'es' ? 'embed.mjs' : 'embed.js'),
            },
          },
        });
      }
    },
  };
}

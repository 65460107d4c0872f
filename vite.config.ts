import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { pwaPlugins } from './scripts/build/vite-pwa-config';
import { embedHostLibrary } from './scripts/build/vite-embed.ts';
import { pagePolicyPlugin } from './scripts/build/vite-page-policy.ts';
import { missingModelFiles404 } from './scripts/build/model-files-404.ts';

// Cross-origin isolation lets the sandbox interrupt runaway Python (SharedArrayBuffer).
const isolationHeaders = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
};

export default defineConfig({
  // Deploy under a sub-path with BASE_PATH=/tutor/ npm run build.
  base: process.env.BASE_PATH ?? '/',
  plugins: [
    react(),
    ...pwaPlugins(),
    pagePolicyPlugin(),
    missingModelFiles404(),
    embedHostLibrary(),
  ],
  // embed.html is the iframe widget; embed.js, its host library, is built after the pages.
  build: {
    rolldownOptions: {
      input: { main: 'index.html', embed: 'embed.html' },
      // llama.cpp's build for browsers without JSPI (Safari) gets its own folder: the service worker keeps it only once used.
      output: {
        assetFileNames: (asset) =>
          asset.originalFileNames.some((name) => name.includes('wllama-compat/'))
            ? 'assets/compat/[name]-[hash][extname]'
            : 'assets/[name]-[hash][extname]',
      },
    },
  },
  worker: { format: 'es' },
  optimizeDeps: { exclude: ['pyodide', '@mlc-ai/web-llm'] },
  server: { headers: isolationHeaders },
  preview: { headers: isolationHeaders },
});

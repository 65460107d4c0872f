// Builds the wllama-only page beside the app's build, under /raw-wllama/, so both are served from one origin with the
// same isolation headers. Usage: npx vite build --config scripts/bench/bench-scale/vite.raw.config.ts --outDir DIST/raw-wllama
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

export default defineConfig({
  root: fileURLToPath(new URL('./raw', import.meta.url)),
  base: '/raw-wllama/',
  build: { emptyOutDir: true },
});

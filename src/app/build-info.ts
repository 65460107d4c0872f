// Replaced at build time (scripts/build/vite-pwa-config.ts); absent when modules run outside a build, as in unit tests.
declare const __APP_VERSION__: string | undefined;

export const appVersion: string =
  typeof __APP_VERSION__ === 'string' ? __APP_VERSION__ : 'development';

/** Import cycles, type-only ones included: ESLint's cycle rules skip `import type`, which still ties two files together. */
export default {
  forbidden: [
    {
      name: 'no-cycle',
      severity: 'error',
      comment:
        'Two files that import each other, directly or through others: one of them owns what both need.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'gguf-stands-alone',
      severity: 'error',
      comment:
        'engine/gguf reads, splits and patches GGUF files for everyone else in the engine, so it needs none of them.',
      from: { path: '^src/engine/gguf/' },
      to: { path: '^src/engine/', pathNot: '^src/engine/gguf/' },
    },
    {
      name: 'hub-downloads-without-backends',
      severity: 'error',
      comment:
        'engine/hub downloads model files for any backend; a backend uses it, never the other way round.',
      from: { path: '^src/engine/(hub|storage|models|gguf)/' },
      to: { path: '^src/engine/backends/' },
    },
  ],
  options: {
    tsPreCompilationDeps: true,
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(node_modules|dist|public)/' },
  },
};

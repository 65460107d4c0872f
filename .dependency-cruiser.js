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
    {
      name: 'hooks-loaded-when-asked',
      severity: 'error',
      comment:
        'The render benchmark and evaluation hooks load with import() under ?benchRender and ?exposeTutor only, so the app a student opens holds neither.',
      from: { path: '^src/', pathNot: '\\.test\\.tsx?$' },
      to: { path: '^src/app/(render-bench|eval-hook)\\.ts$', dynamic: false },
    },
    {
      name: 'no-bench-switch-in-render-paths',
      severity: 'error',
      comment:
        'The render benchmark streams into the trace store and sets nothing the render paths read: its naive path is a build of its own (--mode naive-render).',
      from: { path: '^src/app/render-bench\\.ts$' },
      to: {
        path: '^src/ui/',
        pathNot: '^src/ui/(state/trace-store|trace/naive-render)\\.ts$',
      },
    },
  ],
  options: {
    tsPreCompilationDeps: true,
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(node_modules|dist|public)/' },
  },
};

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
  ],
  options: {
    tsPreCompilationDeps: true,
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(node_modules|dist|public)/' },
  },
};

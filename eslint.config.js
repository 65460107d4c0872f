import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';

// The three rooms and their one-way doors: sandbox and engine never reach into the UI or the app.
const boundaries = [
  {
    files: ['src/sandbox/**'],
    patterns: ['**/engine/**', '**/ui/**', '**/app/**', 'react', 'react-dom', 'zustand'],
    message: 'src/sandbox runs Python and knows nothing of models or React.',
  },
  {
    files: ['src/engine/**'],
    patterns: ['**/ui/**', '**/app/**', 'react', 'react-dom', 'zustand'],
    message: 'src/engine knows nothing of React; the app layer wires it to the UI.',
  },
  {
    files: ['src/ui/**'],
    patterns: ['**/app/**'],
    message: 'src/ui renders state and sends intents; it does not import the app shell.',
  },
  {
    files: ['src/embed/host.ts', 'src/embed/protocol.ts'],
    patterns: [
      '**/engine/**',
      '**/ui/**',
      '**/app/**',
      '**/sandbox/**',
      'react',
      'react-dom',
      'zustand',
    ],
    message: 'The host library runs on other sites: it imports only the embed protocol.',
  },
];

export default tseslint.config(
  {
    ignores: [
      'dist',
      '.out',
      'node_modules',
      '.cache',
      'public/pyodide',
      'public/test-models',
      'test-results',
      'playwright-report',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2023, sourceType: 'module' },
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['src/**/*.tsx', 'src/**/*.ts'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'warn',
    },
  },
  ...boundaries.map(({ files, patterns, message }) => ({
    files,
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: patterns, message }] }],
    },
  })),
);

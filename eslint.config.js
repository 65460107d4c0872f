import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';

// The three rooms and their one-way doors: sandbox and engine never reach into the UI or the app.
// Each zone is a list of forbidden import groups, so one folder can have several doors with their own reasons.
const boundaries = [
  {
    files: ['src/sandbox/**'],
    zones: [
      {
        group: ['**/engine/**', '**/ui/**', '**/app/**', 'react', 'react-dom', 'zustand'],
        message: 'src/sandbox runs Python and knows nothing of models or React.',
      },
    ],
  },
  {
    files: ['src/engine/**'],
    zones: [
      {
        group: ['**/ui/**', '**/app/**', 'react', 'react-dom', 'zustand'],
        message: 'src/engine knows nothing of React; the app layer wires it to the UI.',
      },
      {
        // The app passes the sandbox in as a CodeRunner; only the words of its timeout are shared.
        group: ['**/sandbox/**', '!**/sandbox/timeout-text'],
        message:
          'src/engine knows the sandbox only as a CodeRunner (engine/types), and shares its timeout text.',
      },
    ],
  },
  {
    files: ['src/ui/**'],
    zones: [
      {
        group: ['**/app/**'],
        message: 'src/ui renders state and sends intents; it does not import the app shell.',
      },
      {
        // The engine's contract with the UI is engine/types alone: the events, blocks, usage and error data it
        // renders. Converters, backends and the rest are engine code the app calls for the UI (an intent).
        group: ['**/engine/**', '!**/engine/types', '!**/engine/types.ts'],
        message:
          'src/ui imports only engine/types from the engine; reach anything else through an app intent.',
      },
    ],
  },
  {
    files: ['src/embed/host.ts', 'src/embed/protocol.ts'],
    zones: [
      {
        group: [
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
    ],
  },
];

const MODULE_STATE =
  'No module-level mutable state in src/app: keep it in a zustand store, or in the closure of the part that owns it and hands it on.';
const moduleStateSelectors = [
  "Program > VariableDeclaration[kind!='const']",
  "Program > ExportNamedDeclaration > VariableDeclaration[kind!='const']",
  'Program > VariableDeclaration > VariableDeclarator > NewExpression.init[callee.name=/^(Map|Set|WeakMap|WeakSet)$/]',
  'Program > ExportNamedDeclaration > VariableDeclaration > VariableDeclarator > NewExpression.init[callee.name=/^(Map|Set|WeakMap|WeakSet)$/]',
];

export default tseslint.config(
  {
    ignores: [
      'dist',
      // The benchmarks' own builds (dist-native, dist-scale…) and the files they write.
      'dist-*',
      'bench-out',
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
  {
    // The app wires its parts explicitly: state lives in zustand stores or in the closure that owns it, never in a
    // module another file sets and a third reads.
    files: ['src/app/**/*.ts', 'src/app/**/*.tsx'],
    ignores: ['src/app/**/*.test.ts', 'src/app/**/*.test.tsx'],
    rules: {
      'no-restricted-syntax': [
        'error',
        ...moduleStateSelectors.map((selector) => ({ selector, message: MODULE_STATE })),
      ],
    },
  },
  ...boundaries.map(({ files, zones }) => ({
    files,
    rules: { 'no-restricted-imports': ['error', { patterns: zones }] },
  })),
);

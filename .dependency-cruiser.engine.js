// Cycles between the engine's folders, type-only imports and tests included: each folder depends on the ones below
// it (gguf, storage, models, hub, backends, …) and none of them on it. dependency-cruiser counts a file directly in
// src/engine as a dependency on the whole engine, so the folders below it are what this checks. Scripts are not
// followed: a test that runs a stand-in server or writes a test model does not tie two engine folders together.
import base from './.dependency-cruiser.js';

export default {
  forbidden: [
    {
      name: 'no-engine-folder-cycle',
      severity: 'error',
      comment:
        'Two engine folders that import each other, directly or through others: move what both need down a level.',
      scope: 'folder',
      from: { path: '^src/engine/' },
      to: { circular: true },
    },
  ],
  options: {
    ...base.options,
    doNotFollow: { path: '^(node_modules|scripts)/' },
  },
};

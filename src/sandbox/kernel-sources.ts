// kernel.py and its modules, bundled as text; Node reads the same files from src/sandbox/python/.
import type { KernelSources } from './protocol';

const files = import.meta.glob<string>('./python/*.py', {
  query: '?raw',
  import: 'default',
  eager: true,
});

export const kernelSources: KernelSources = Object.fromEntries(
  Object.entries(files).map(([path, text]) => [path.slice(path.lastIndexOf('/') + 1), text]),
);

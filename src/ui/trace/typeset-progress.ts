// Tells the views that show formulas when one that was held back (to a later slice, or to the worker) can be shown.

const listeners = new Set<() => void>();
let version = 0;

export function subscribeTypesetProgress(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export const typesetProgress = (): number => version;

export function announceTypesetProgress(): void {
  version += 1;
  for (const listener of listeners) listener();
}

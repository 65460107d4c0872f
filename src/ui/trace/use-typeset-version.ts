import { useSyncExternalStore } from 'react';
import { subscribeTypesetProgress, typesetProgress } from './typeset-progress.ts';

/** Re-renders the caller when a formula held back (to a later slice or to the worker) can be shown. */
export function useTypesetVersion(): number {
  return useSyncExternalStore(subscribeTypesetProgress, typesetProgress);
}

import { useCallback, useSyncExternalStore } from 'react';
import type { StoreApi } from 'zustand';
import { isNaiveRender } from '../trace/render-mode';

/**
 * Like zustand's hook, but re-renders at most once per animation frame: at 200 tokens a second a trace changes
 * several times a frame, and only the last state of each frame is ever seen. Pass a stable selector (useShallow).
 */
export function useFrameStore<S, T>(api: StoreApi<S>, selector: (state: S) => T): T {
  const subscribe = useCallback(
    (notify: () => void) => {
      let frame = 0;
      const unsubscribe = api.subscribe(() => {
        if (isNaiveRender()) notify();
        else if (frame === 0) {
          frame = requestAnimationFrame(() => {
            frame = 0;
            notify();
          });
        }
      });
      return () => {
        cancelAnimationFrame(frame);
        unsubscribe();
      };
    },
    [api],
  );
  const snapshot = () => selector(api.getState());
  return useSyncExternalStore(subscribe, snapshot, snapshot);
}

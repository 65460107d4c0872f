import { useCallback, useSyncExternalStore } from 'react';
import type { StoreApi } from 'zustand';
import { isNaiveRender } from '../trace/render-mode';

/** Two frames at 60 Hz: streamed text still reads as continuous, at half the rendering work. */
export const MIN_RENDER_INTERVAL_MS = 30;

/**
 * Like zustand's hook, but re-renders at most once per animation frame, and at most every MIN_RENDER_INTERVAL_MS:
 * at 200 tokens a second a trace changes several times a frame, and only the latest state is ever seen.
 * Pass a stable selector (useShallow).
 */
export function useFrameStore<S, T>(api: StoreApi<S>, selector: (state: S) => T): T {
  const subscribe = useCallback(
    (notify: () => void) => {
      let frame = 0;
      let last = 0;
      const onFrame = (now: number) => {
        if (now - last < MIN_RENDER_INTERVAL_MS) {
          frame = requestAnimationFrame(onFrame);
          return;
        }
        frame = 0;
        last = now;
        notify();
      };
      const unsubscribe = api.subscribe(() => {
        if (isNaiveRender()) notify();
        else if (frame === 0) frame = requestAnimationFrame(onFrame);
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

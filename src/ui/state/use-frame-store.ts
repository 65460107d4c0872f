import { useCallback, useSyncExternalStore } from 'react';
import type { StoreApi } from 'zustand';
import { NAIVE_RENDER } from '../trace/naive-render';

/** Two frames at 60 Hz: streamed text still reads as continuous, at half the rendering work. */
export const MIN_RENDER_INTERVAL_MS = 30;
/** A frame can be held back (a GPU busy with the model, a throttled tab): the trace still catches up this often. */
export const MAX_FRAME_WAIT_MS = 250;

/**
 * Like zustand's hook, but re-renders at most once per animation frame (or MAX_FRAME_WAIT_MS when frames stall),
 * and at most every MIN_RENDER_INTERVAL_MS:
 * at 200 tokens a second a trace changes several times a frame, and only the latest state is ever seen.
 * Pass a stable selector (useShallow).
 */
export function useFrameStore<S, T>(api: StoreApi<S>, selector: (state: S) => T): T {
  const subscribe = useCallback(
    (notify: () => void) => {
      let frame = 0;
      let timer: ReturnType<typeof setTimeout> | undefined;
      let fallback: ReturnType<typeof setTimeout> | undefined;
      let last = -Infinity;
      const flush = () => {
        cancelAnimationFrame(frame);
        clearTimeout(fallback);
        frame = 0;
        fallback = undefined;
        last = performance.now();
        notify();
      };
      // Waits out the interval on a timer, not frame by frame: an empty frame still costs a pass of the rendering.
      const schedule = () => {
        timer = undefined;
        frame = requestAnimationFrame(flush);
        fallback = setTimeout(flush, MAX_FRAME_WAIT_MS);
      };
      const unsubscribe = api.subscribe(() => {
        if (NAIVE_RENDER) return notify();
        if (fallback !== undefined || timer !== undefined) return;
        const wait = last + MIN_RENDER_INTERVAL_MS - performance.now();
        if (wait > 0) timer = setTimeout(schedule, wait);
        else schedule();
      });
      return () => {
        cancelAnimationFrame(frame);
        clearTimeout(timer);
        clearTimeout(fallback);
        unsubscribe();
      };
    },
    [api],
  );
  const snapshot = () => selector(api.getState());
  return useSyncExternalStore(subscribe, snapshot, snapshot);
}

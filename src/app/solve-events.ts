import type { TraceState } from '../ui/state/trace-store';

/** Told as a solve starts, after the trace store has been reset for it. */
export interface SolveStart {
  /** It goes on from blocks already on screen ("continue from here"). */
  resumed: boolean;
}

export type SolveStartListener = (start: SolveStart) => void;
/** Subscribes to solve starts; returns the unsubscribe. */
export type OnSolveStart = (listener: SolveStartListener) => () => void;

/** How a solve ended: the trace as it was left. */
export type SolvedTrace = Pick<
  TraceState,
  'status' | 'capped' | 'answer' | 'error' | 'blocks' | 'notices' | 'usage'
>;

export function solveStarts(): { on: OnSolveStart; announce(start: SolveStart): void } {
  const listeners = new Set<SolveStartListener>();
  return {
    on(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    announce(start) {
      for (const listener of listeners) listener(start);
    },
  };
}

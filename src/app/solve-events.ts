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

/** An answer the student checked against the solution, as history keeps it. */
export interface CheckedAnswer {
  input: string;
  /** null: the grader could not tell (unreadable or ambiguous). */
  equal: boolean | null;
  explanation: string;
}

/** Subscribes to checked answers; returns the unsubscribe. */
export type OnAnswerChecked = (listener: (check: CheckedAnswer) => void) => () => void;

/** Listeners told of one kind of event, in the order they subscribed. */
export function announcer<T>(): {
  on: (listener: (event: T) => void) => () => void;
  announce(event: T): void;
} {
  const listeners = new Set<(event: T) => void>();
  return {
    on(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    announce(event) {
      for (const listener of listeners) listener(event);
    },
  };
}

export function solveStarts(): { on: OnSolveStart; announce(start: SolveStart): void } {
  return announcer<SolveStart>();
}

import { useEffect, useState } from 'react';
import { useTraceStore, type TraceState } from './state/trace-store';

/** Long enough to hold a few tokens on a slow CPU (well under 1 token/s at 7B), short enough to follow a change. */
export const RATE_WINDOW_MS = 20_000;

/**
 * Counts the model's written pieces as they reach the trace: llama.cpp streams one token a piece, so pieces over time is
 * the decode rate while a model writes (the usage line gives llama.cpp's own figure once the solve ends).
 */
export class TokenRate {
  private times: number[] = [];

  piece(now: number): void {
    this.times.push(now);
  }

  /** Tokens per second over the window, or null when fewer than two pieces arrived in it (reading, or running code). */
  rate(now: number): number | null {
    this.times = this.times.filter((t) => now - t <= RATE_WINDOW_MS);
    const first = this.times[0];
    const last = this.times.at(-1);
    if (this.times.length < 2 || first === undefined || last === undefined || last === first)
      return null;
    return (this.times.length - 1) / ((last - first) / 1000);
  }
}

/** Whether the last model block (prose or code) grew: each growth is one streamed piece. */
function wrotePiece(state: TraceState, previous: TraceState): boolean {
  const block = state.blocks.at(-1);
  if (!block || (block.kind !== 'text' && block.kind !== 'code')) return false;
  const before = previous.blocks.at(-1);
  return before?.id !== block.id ? block.text.length > 0 : block.text.length > before.text.length;
}

/** The live decode rate while `active`, refreshed once a second; null when there is none to show. */
export function useLiveTokenRate(active: boolean): number | null {
  const [rate, setRate] = useState<number | null>(null);
  useEffect(() => {
    if (!active) {
      setRate(null);
      return;
    }
    const meter = new TokenRate();
    const unsubscribe = useTraceStore.subscribe((state, previous) => {
      if (wrotePiece(state, previous)) meter.piece(performance.now());
    });
    const timer = setInterval(() => setRate(meter.rate(performance.now())), 1000);
    return () => {
      unsubscribe();
      clearInterval(timer);
    };
  }, [active]);
  return rate;
}

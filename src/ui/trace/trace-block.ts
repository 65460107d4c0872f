import type { TraceBlock } from '../../engine/types.ts';

export type { ExecutionInfo, TraceBlock } from '../../engine/types.ts';

export function sameBlock(a: TraceBlock, b: TraceBlock): boolean {
  return (
    a.id === b.id &&
    a.kind === b.kind &&
    a.text === b.text &&
    a.done === b.done &&
    a.edited === b.edited &&
    a.stale === b.stale &&
    a.execution?.error === b.execution?.error &&
    a.execution?.timedOut === b.execution?.timedOut &&
    a.execution?.durationMs === b.execution?.durationMs
  );
}

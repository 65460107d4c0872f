import type { BlockKind, CellOutput } from '../../engine/types.ts';

export type ExecutionInfo = Pick<CellOutput, 'error' | 'timedOut' | 'durationMs'>;

/** One block of a trace as the store holds it. */
export interface TraceBlock {
  id: string;
  kind: BlockKind;
  text: string;
  done: boolean;
  execution?: ExecutionInfo;
  /** A code cell the student changed and re-ran. */
  edited?: boolean;
  /** Prose written before an earlier cell was edited: it may no longer follow from the outputs above it. */
  stale?: boolean;
}

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

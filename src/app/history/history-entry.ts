import type { BlockKind, EngineErrorData, NoticeCode, Usage } from '../../engine/types';

/** How a saved solve ended; `interrupted` means the tab closed or reloaded while it ran. */
export type HistoryStatus = 'solving' | 'done' | 'stopped' | 'failed' | 'interrupted';

export interface HistoryBlock {
  id: string;
  kind: BlockKind;
  text: string;
  execution?: { error: boolean; timedOut: boolean; durationMs: number };
}

/** One answer the student checked against this solution. */
export interface HistoryCheck {
  /** What the student typed (plain or LaTeX). */
  input: string;
  /** Whether it equals the solution's answer; null when it could not be decided. */
  equal: boolean | null;
  /** The short explanation shown to the student, if any. */
  explanation?: string;
  /** Milliseconds since the epoch; filled in when left out. */
  checkedAt: number;
}

/** What the history list needs, kept apart from the trace so the list stays cheap to read. */
export interface HistorySummary {
  id: string;
  problem: string;
  createdAt: number;
  updatedAt: number;
  status: HistoryStatus;
  answer: string | null;
  /** The model's label, or the saved solution's name for a playback. */
  model: string | null;
  checkCount: number;
}

export interface HistoryTrace {
  id: string;
  blocks: HistoryBlock[];
  capped: boolean;
  error: EngineErrorData | null;
  notices: Array<{ code: NoticeCode; message: string }>;
  usage: { usage: Usage; pythonMs: number } | null;
  checks: HistoryCheck[];
}

export type HistoryRecord = HistorySummary & Omit<HistoryTrace, 'id'>;

export function splitRecord(record: HistoryRecord): [HistorySummary, HistoryTrace] {
  const { blocks, capped, error, notices, usage, checks, ...summary } = record;
  return [
    { ...summary, checkCount: checks.length },
    { id: record.id, blocks, capped, error, notices, usage, checks },
  ];
}

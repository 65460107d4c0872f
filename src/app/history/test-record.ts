import type { HistoryRecord } from './history-entry';

/** A saved solve for tests: a cell and its output, answer 13. */
export function record(id: string, overrides: Partial<HistoryRecord> = {}): HistoryRecord {
  return {
    id,
    problem: `Problem ${id}`,
    createdAt: 1000,
    updatedAt: 1000,
    status: 'done',
    answer: '13',
    model: 'Test model',
    checkCount: 0,
    blocks: [
      { id: 'b1', kind: 'code', text: '1 + 1' },
      {
        id: 'b2',
        kind: 'execution',
        text: '2',
        execution: { error: false, timedOut: false, durationMs: 3 },
      },
    ],
    capped: false,
    error: null,
    notices: [],
    usage: null,
    checks: [],
    ...overrides,
  };
}

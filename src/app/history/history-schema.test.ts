import { describe, expect, it } from 'vitest';
import { splitRecord } from './history-entry';
import { checkRecord, checkSummary, checkTrace } from './history-schema';
import { record } from './test-record';

const [summary, trace] = splitRecord(record('a'));
const why = (checked: { ok: boolean; why?: string }) => (checked.ok ? 'ok' : checked.why);

describe('history schema', () => {
  it('passes what the app writes, whole and split', () => {
    const full = record('a', {
      usage: { usage: { promptTokens: 3, completionTokens: 4, contextTokens: 7 }, pythonMs: 5 },
      error: { code: 'out-of-memory', message: 'Out of memory.' },
      notices: [{ code: 'block-count-cap', message: 'Capped.' }],
      checks: [{ input: '13', equal: null, checkedAt: 2000, explanation: 'maybe' }],
    });
    expect(checkRecord(JSON.parse(JSON.stringify(full)))).toEqual({ ok: true, value: full });
    expect(why(checkSummary(summary))).toBe('ok');
    expect(why(checkTrace(trace))).toBe('ok');
  });

  it('refuses each kind of damaged record, naming the field', () => {
    expect(why(checkRecord({ ...record('a'), createdAt: 1e300 }))).toBe(
      'record.createdAt is not a date',
    );
    expect(why(checkRecord({ ...record('a'), updatedAt: Number.NaN }))).toBe(
      'record.updatedAt is not a number',
    );
    expect(why(checkRecord({ ...record('a'), answer: 42 }))).toBe('record.answer is not text');
    expect(why(checkRecord({ ...record('a'), answer: undefined }))).toBe(
      'record.answer is not text',
    );
    expect(why(checkRecord({ ...record('a'), status: 'gone' }))).toBe(
      'record.status is not a known value',
    );
    expect(why(checkSummary({ ...summary, problem: 42 }))).toBe('summary.problem is not text');
    expect(why(checkSummary({ ...summary, checkCount: -1 }))).toBe(
      'summary.checkCount is not a count',
    );
    expect(why(checkTrace({ ...trace, blocks: [null, ...trace.blocks] }))).toBe(
      'trace.blocks[0] is not an object',
    );
    expect(why(checkTrace({ ...trace, blocks: [{ id: 'b', kind: 'html', text: '' }] }))).toBe(
      'trace.blocks[0].kind is not a known value',
    );
    expect(
      why(checkTrace({ ...trace, checks: [{ input: '1', equal: 'yes', checkedAt: 1 }] })),
    ).toBe('trace.checks[0].equal is not true or false');
    expect(why(checkTrace({ ...trace, usage: { usage: {}, pythonMs: 1 } }))).toBe(
      'trace.usage.usage.promptTokens is not a number',
    );
    expect(why(checkRecord(null))).toBe('record is not an object');
    expect(why(checkRecord([]))).toBe('record is not an object');
  });
});

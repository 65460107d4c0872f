import type {
  HistoryBlock,
  HistoryCheck,
  HistoryRecord,
  HistoryStatus,
  HistorySummary,
  HistoryTrace,
} from './history-entry';

/** What a stored value turned out to be: the typed record, or why it cannot be shown. */
export type Checked<T> = { ok: true; value: T } | { ok: false; why: string };

const STATUSES: readonly HistoryStatus[] = ['solving', 'done', 'stopped', 'failed', 'interrupted'];
const BLOCK_KINDS: readonly string[] = ['text', 'code', 'execution'];
// The range a JavaScript Date can hold; a time outside it makes date formatting throw.
const MAX_TIME_MS = 8.64e15;

class Unreadable extends Error {}

type Fields = Record<string, unknown>;

function object(value: unknown, where: string): Fields {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new Unreadable(`${where} is not an object`);
  return value as Fields;
}

function string(o: Fields, key: string, where: string): string {
  if (typeof o[key] !== 'string') throw new Unreadable(`${where}.${key} is not text`);
  return o[key];
}

function stringOrNull(o: Fields, key: string, where: string): string | null {
  return o[key] === null ? null : string(o, key, where);
}

function number(o: Fields, key: string, where: string): number {
  const n = o[key];
  if (typeof n !== 'number' || !Number.isFinite(n))
    throw new Unreadable(`${where}.${key} is not a number`);
  return n;
}

function optionalNumber(o: Fields, key: string, where: string): void {
  if (o[key] !== undefined) number(o, key, where);
}

function time(o: Fields, key: string, where: string): number {
  const ms = number(o, key, where);
  if (Math.abs(ms) > MAX_TIME_MS) throw new Unreadable(`${where}.${key} is not a date`);
  return ms;
}

function boolean(o: Fields, key: string, where: string): boolean {
  if (typeof o[key] !== 'boolean') throw new Unreadable(`${where}.${key} is not true or false`);
  return o[key];
}

function array(o: Fields, key: string, where: string): unknown[] {
  if (!Array.isArray(o[key])) throw new Unreadable(`${where}.${key} is not a list`);
  return o[key];
}

function oneOf<T extends string>(o: Fields, key: string, allowed: readonly T[], where: string): T {
  if (!allowed.includes(o[key] as T)) throw new Unreadable(`${where}.${key} is not a known value`);
  return o[key] as T;
}

function checkBlock(value: unknown, where: string): HistoryBlock {
  const o = object(value, where);
  string(o, 'id', where);
  oneOf(o, 'kind', BLOCK_KINDS, where);
  string(o, 'text', where);
  if (o.execution !== undefined) {
    const run = object(o.execution, `${where}.execution`);
    boolean(run, 'error', `${where}.execution`);
    boolean(run, 'timedOut', `${where}.execution`);
    number(run, 'durationMs', `${where}.execution`);
  }
  return o as unknown as HistoryBlock;
}

function checkCheck(value: unknown, where: string): HistoryCheck {
  const o = object(value, where);
  string(o, 'input', where);
  if (o.equal !== null) boolean(o, 'equal', where);
  if (o.explanation !== undefined) string(o, 'explanation', where);
  time(o, 'checkedAt', where);
  return o as unknown as HistoryCheck;
}

function checkMessage(value: unknown, where: string): void {
  const o = object(value, where);
  string(o, 'code', where);
  string(o, 'message', where);
}

function checkUsage(value: unknown, where: string): void {
  const o = object(value, where);
  number(o, 'pythonMs', where);
  const usage = object(o.usage, `${where}.usage`);
  for (const key of ['promptTokens', 'completionTokens']) number(usage, key, `${where}.usage`);
  for (const key of [
    'cachedPromptTokens',
    'contextTokens',
    'prefillTokensPerSecond',
    'decodeTokensPerSecond',
    'timeToFirstTokenSeconds',
  ])
    optionalNumber(usage, key, `${where}.usage`);
}

function summaryFields(o: Fields, where: string): void {
  string(o, 'id', where);
  string(o, 'problem', where);
  time(o, 'createdAt', where);
  time(o, 'updatedAt', where);
  oneOf(o, 'status', STATUSES, where);
  stringOrNull(o, 'answer', where);
  stringOrNull(o, 'model', where);
}

function traceFields(o: Fields, where: string): void {
  array(o, 'blocks', where).forEach((b, i) => checkBlock(b, `${where}.blocks[${i}]`));
  boolean(o, 'capped', where);
  if (o.error !== null) checkMessage(o.error, `${where}.error`);
  array(o, 'notices', where).forEach((n, i) => checkMessage(n, `${where}.notices[${i}]`));
  if (o.usage !== null) checkUsage(o.usage, `${where}.usage`);
  array(o, 'checks', where).forEach((c, i) => checkCheck(c, `${where}.checks[${i}]`));
}

function checked<T>(read: () => T): Checked<T> {
  try {
    return { ok: true, value: read() };
  } catch (error) {
    if (error instanceof Unreadable) return { ok: false, why: error.message };
    throw error;
  }
}

/** A list entry as IndexedDB returned it. */
export function checkSummary(value: unknown): Checked<HistorySummary> {
  return checked(() => {
    const o = object(value, 'summary');
    summaryFields(o, 'summary');
    const count = number(o, 'checkCount', 'summary');
    if (!Number.isInteger(count) || count < 0)
      throw new Unreadable('summary.checkCount is not a count');
    return o as unknown as HistorySummary;
  });
}

/** An entry's solution as IndexedDB returned it. */
export function checkTrace(value: unknown): Checked<HistoryTrace> {
  return checked(() => {
    const o = object(value, 'trace');
    string(o, 'id', 'trace');
    traceFields(o, 'trace');
    return o as unknown as HistoryTrace;
  });
}

/** A whole solve, as the unload stash keeps it. */
export function checkRecord(value: unknown): Checked<HistoryRecord> {
  return checked(() => {
    const o = object(value, 'record');
    summaryFields(o, 'record');
    traceFields(o, 'record');
    return o as unknown as HistoryRecord;
  });
}

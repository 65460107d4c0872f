import 'fake-indexeddb/auto';
import { openDB } from 'idb';
import { afterEach, describe, expect, it } from 'vitest';
import { openHistoryDb, type HistoryDb } from './history-db';
import { splitRecord } from './history-entry';
import { HistoryError, toHistoryError } from './history-error';
import { record } from './test-record';

let db: HistoryDb;
let dbCount = 0;

async function freshDb(): Promise<HistoryDb> {
  db = await openHistoryDb(`history-test-${++dbCount}`);
  return db;
}

/** Writes values as something else on the same origin might have, past the app's types. */
async function writeRaw(store: 'summaries' | 'traces', value: Record<string, unknown>) {
  const raw = await openDB(`history-test-${dbCount}`);
  await raw.put(store, value);
  raw.close();
}

afterEach(() => db?.close());

describe('history database', () => {
  it('saves a solve and reads it back whole', async () => {
    await freshDb();
    const saved = record('a');
    await db.save(saved);
    expect(await db.get('a')).toEqual(saved);
    expect(await db.get('missing')).toBeUndefined();
  });

  it('saves over an older copy only, keeping its checks, when asked to save if newer', async () => {
    await freshDb();
    // A check moves the entry's update time on, to 2100.
    const check = { input: '13', equal: true, checkedAt: 2100 };
    await db.save(record('a', { updatedAt: 2000, status: 'solving' }));
    await db.addCheck('a', check);
    expect(await db.saveIfNewer(record('a', { updatedAt: 2099, answer: 'old' }))).toBe(false);
    expect(await db.saveIfNewer(record('a', { updatedAt: 2100, answer: 'same' }))).toBe(false);
    expect((await db.get('a'))?.answer).toBe('13');
    expect(await db.saveIfNewer(record('a', { updatedAt: 2101, status: 'done' }))).toBe(true);
    expect(await db.get('a')).toMatchObject({ status: 'done', updatedAt: 2101, checks: [check] });
    expect(await db.saveIfNewer(record('b'))).toBe(true);
    expect((await db.list()).summaries.map((s) => s.id)).toEqual(['a', 'b']);
  });

  it('lists newest first, by last update', async () => {
    await freshDb();
    await db.save(record('old', { updatedAt: 1 }));
    await db.save(record('new', { updatedAt: 3 }));
    await db.save(record('mid', { updatedAt: 2 }));
    expect((await db.list()).summaries.map((s) => s.id)).toEqual(['new', 'mid', 'old']);
    // The list carries no trace.
    expect((await db.list()).summaries).not.toContainEqual(
      expect.objectContaining({ blocks: expect.anything() }),
    );
  });

  it('overwrites a streaming solve with later snapshots', async () => {
    await freshDb();
    await db.save(record('a', { status: 'solving', blocks: [], answer: null }));
    await db.save(record('a', { status: 'done' }));
    const entry = await db.get('a');
    expect(entry?.status).toBe('done');
    expect(entry?.blocks).toHaveLength(2);
    expect((await db.list()).summaries).toHaveLength(1);
  });

  it('attaches checks and keeps them when the solve is written again', async () => {
    await freshDb();
    await db.save(record('a'));
    await db.addCheck('a', { input: '13', equal: true, checkedAt: 2000 });
    await db.addCheck('a', {
      input: '12',
      equal: false,
      explanation: 'off by one',
      checkedAt: 3000,
    });
    await db.save(record('a', { answer: '13' }));
    const entry = await db.get('a');
    expect(entry?.checks.map((c) => c.input)).toEqual(['13', '12']);
    expect(entry?.checkCount).toBe(2);
    expect((await db.list()).summaries[0]?.updatedAt).toBe(1000);
  });

  it('refuses a check for an entry that is gone', async () => {
    await freshDb();
    await expect(db.addCheck('gone', { input: '1', equal: true, checkedAt: 1 })).rejects.toThrow(
      /entry was deleted/,
    );
  });

  it('deletes one entry and clears all', async () => {
    await freshDb();
    await db.save(record('a'));
    await db.save(record('b'));
    await db.remove('a');
    expect((await db.list()).summaries.map((s) => s.id)).toEqual(['b']);
    expect(await db.get('a')).toBeUndefined();
    await db.clear();
    expect((await db.list()).summaries).toEqual([]);
    expect(await db.get('b')).toBeUndefined();
  });

  it('leaves out a summary that fails the schema check, and lists the rest', async () => {
    await freshDb();
    await db.save(record('good'));
    const [summary] = splitRecord(record('bad'));
    await writeRaw('summaries', { ...summary, problem: 42 });
    const list = await db.list();
    expect(list.summaries.map((s) => s.id)).toEqual(['good']);
    expect(list.setAside).toEqual(['summary.problem is not text']);
    await db.clear();
    expect(await db.list()).toEqual({ summaries: [], setAside: [] });
  });

  it('refuses to open an entry whose solution holds a null block, saying so in one line', async () => {
    await freshDb();
    const [, trace] = splitRecord(record('a'));
    await db.save(record('a'));
    await writeRaw('traces', { ...trace, blocks: [null, ...trace.blocks] });
    await expect(db.get('a')).rejects.toThrow(
      'This entry cannot be opened: its saved copy is damaged (trace.blocks[0] is not an object). Delete it or clear the history.',
    );
    await expect(db.addCheck('a', { input: '1', equal: true, checkedAt: 1 })).rejects.toThrow(
      /entry was damaged/,
    );
    // Saving the solve again replaces the damaged copy.
    await db.save(record('a'));
    expect((await db.get('a'))?.blocks).toHaveLength(2);
  });

  it('marks solves left unfinished as interrupted, except live ones', async () => {
    await freshDb();
    await db.save(record('closed-tab', { status: 'solving' }));
    await db.save(record('other-tab', { status: 'solving' }));
    await db.save(record('finished', { status: 'done' }));
    const marked = await db.markInterrupted((id) => id === 'other-tab');
    expect(marked).toEqual(['closed-tab']);
    expect((await db.get('closed-tab'))?.status).toBe('interrupted');
    expect((await db.get('other-tab'))?.status).toBe('solving');
    expect((await db.get('finished'))?.status).toBe('done');
  });
});

describe('history errors', () => {
  it('names a full disk and what still works', () => {
    const error = toHistoryError(
      new DOMException('full', 'QuotaExceededError'),
      'save this solution',
    );
    expect(error).toBeInstanceOf(HistoryError);
    expect(error.code).toBe('quota');
    expect(error.message).toMatch(/storage for this site is full/);
    expect(error.message).toMatch(/solving still works/);
  });

  it('says history is off when IndexedDB is missing', async () => {
    const saved = globalThis.indexedDB;
    // @ts-expect-error: a browser without IndexedDB
    delete globalThis.indexedDB;
    try {
      await expect(openHistoryDb('none')).rejects.toMatchObject({ code: 'unavailable' });
    } finally {
      globalThis.indexedDB = saved;
    }
  });
});

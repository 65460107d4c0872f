import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import { HistoryError, toHistoryError, unavailableError } from './history-error';
import { checkSummary, checkTrace } from './history-schema';
import {
  splitRecord,
  type HistoryCheck,
  type HistoryRecord,
  type HistorySummary,
  type HistoryTrace,
} from './history-entry';

interface HistorySchema extends DBSchema {
  summaries: { key: string; value: HistorySummary; indexes: { updatedAt: number } };
  traces: { key: string; value: HistoryTrace };
}

export const HISTORY_DB_NAME = 'mathcoder-tutor-history';

/** The entries that can be shown, and why each stored one that cannot was left out. */
export interface HistoryList {
  summaries: HistorySummary[];
  setAside: string[];
}

/** IndexedDB access for the solve history; every method rejects with a HistoryError. */
export interface HistoryDb {
  /** Newest first; entries that fail the schema check are left in storage but not listed. */
  list(): Promise<HistoryList>;
  /** Rejects when the stored entry fails the schema check. */
  get(id: string): Promise<HistoryRecord | undefined>;
  /** Writes a solve as it stands; checks already stored for it are kept. */
  save(record: HistoryRecord): Promise<void>;
  /** Saves only over an older copy (or none); resolves whether it wrote. */
  saveIfNewer(record: HistoryRecord): Promise<boolean>;
  remove(id: string): Promise<void>;
  clear(): Promise<void>;
  addCheck(id: string, check: HistoryCheck): Promise<void>;
  /** Marks solves left `solving` by a closed tab as `interrupted`, except those still live elsewhere. */
  markInterrupted(isLive: (id: string) => boolean): Promise<string[]>;
  close(): void;
}

type Db = IDBPDatabase<HistorySchema>;

async function attempt<T>(doing: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw toHistoryError(error, doing);
  }
}

export async function openHistoryDb(name = HISTORY_DB_NAME): Promise<HistoryDb> {
  if (typeof indexedDB === 'undefined') throw unavailableError();
  let db: Db;
  try {
    db = await openDB<HistorySchema>(name, 1, {
      upgrade(database) {
        const summaries = database.createObjectStore('summaries', { keyPath: 'id' });
        summaries.createIndex('updatedAt', 'updatedAt');
        database.createObjectStore('traces', { keyPath: 'id' });
      },
      blocked() {
        // Another tab holds an older version open; it closes itself on versionchange below.
      },
    });
  } catch (error) {
    throw unavailableError(error);
  }
  // Lets a newer version of the app upgrade the database from another tab.
  db.addEventListener('versionchange', () => db.close());
  return wrap(db);
}

async function put(db: Db, record: HistoryRecord, onlyIfNewer: boolean): Promise<boolean> {
  const tx = db.transaction(['summaries', 'traces'], 'readwrite');
  const summaries = tx.objectStore('summaries');
  const traces = tx.objectStore('traces');
  const [storedSummary, storedTrace] = await Promise.all([
    onlyIfNewer ? summaries.get(record.id) : undefined,
    traces.get(record.id),
  ]);
  if (storedSummary && storedSummary.updatedAt >= record.updatedAt) {
    await tx.done;
    return false;
  }
  // A check may have been saved while the solve was still being written.
  const keptChecks = storedTrace && checkTrace(storedTrace).ok ? storedTrace.checks : [];
  const checks = keptChecks.length > 0 ? keptChecks : record.checks;
  const [summary, trace] = splitRecord({ ...record, checks });
  await Promise.all([summaries.put(summary), traces.put(trace), tx.done]);
  return true;
}

function wrap(db: Db): HistoryDb {
  return {
    list: () =>
      attempt('read the list of past problems', async () => {
        const list: HistoryList = { summaries: [], setAside: [] };
        const stored: unknown[] = await db.getAllFromIndex('summaries', 'updatedAt');
        for (const value of stored.reverse()) {
          const summary = checkSummary(value);
          if (summary.ok) list.summaries.push(summary.value);
          else list.setAside.push(summary.why);
        }
        return list;
      }),
    get: (id) =>
      attempt('open this entry', async () => {
        const tx = db.transaction(['summaries', 'traces']);
        const [summary, trace] = await Promise.all([
          tx.objectStore('summaries').get(id),
          tx.objectStore('traces').get(id),
          tx.done,
        ]);
        if (!summary) return undefined;
        if (!trace) throw new HistoryError('failed', 'This entry’s solution is missing.');
        const [shown, solution] = [checkSummary(summary), checkTrace(trace)];
        if (!shown.ok || !solution.ok) {
          const why = shown.ok ? (solution.ok ? '' : solution.why) : shown.why;
          throw new HistoryError(
            'failed',
            `This entry cannot be opened: its saved copy is damaged (${why}). Delete it or clear the history.`,
          );
        }
        const { blocks, capped, error, notices, usage, checks } = solution.value;
        return { ...shown.value, blocks, capped, error, notices, usage, checks };
      }),
    save: (record) =>
      attempt('save this solution', async () => {
        await put(db, record, false);
      }),
    saveIfNewer: (record) => attempt('save this solution', () => put(db, record, true)),
    remove: (id) =>
      attempt('delete this entry', async () => {
        const tx = db.transaction(['summaries', 'traces'], 'readwrite');
        await Promise.all([
          tx.objectStore('summaries').delete(id),
          tx.objectStore('traces').delete(id),
          tx.done,
        ]);
      }),
    clear: () =>
      attempt('delete the history', async () => {
        const tx = db.transaction(['summaries', 'traces'], 'readwrite');
        await Promise.all([
          tx.objectStore('summaries').clear(),
          tx.objectStore('traces').clear(),
          tx.done,
        ]);
      }),
    addCheck: (id, check) =>
      attempt('save the answer check', async () => {
        const tx = db.transaction(['summaries', 'traces'], 'readwrite');
        const summaries = tx.objectStore('summaries');
        const traces = tx.objectStore('traces');
        const [summary, trace] = await Promise.all([summaries.get(id), traces.get(id)]);
        if (!summary || !trace || !checkTrace(trace).ok) {
          await tx.done;
          throw new HistoryError(
            'failed',
            `History could not save the answer check: its entry was ${summary && trace ? 'damaged' : 'deleted'}.`,
          );
        }
        trace.checks = [...trace.checks, check];
        await Promise.all([
          traces.put(trace),
          summaries.put({
            ...summary,
            checkCount: trace.checks.length,
            updatedAt: check.checkedAt,
          }),
          tx.done,
        ]);
      }),
    markInterrupted: (isLive) =>
      attempt('tidy up unfinished solves', async () => {
        const tx = db.transaction('summaries', 'readwrite');
        const marked: string[] = [];
        for await (const cursor of tx.store) {
          if (cursor.value.status === 'solving' && !isLive(cursor.value.id)) {
            marked.push(cursor.value.id);
            await cursor.update({ ...cursor.value, status: 'interrupted' });
          }
        }
        await tx.done;
        return marked;
      }),
    close: () => db.close(),
  };
}

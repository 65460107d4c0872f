import type { HistoryRecord, HistoryStatus } from './history-entry';

const PREFIX = 'mathcoder-tutor-history-unsaved:';
const STATUSES: readonly HistoryStatus[] = ['solving', 'done', 'stopped', 'failed', 'interrupted'];

/**
 * A solve's latest snapshot, kept synchronously as the tab goes away: an IndexedDB write begun then may never land,
 * so the next start writes what is kept here into the history.
 */
export interface UnloadStash {
  put(record: HistoryRecord): void;
  drop(id: string): void;
  dropAll(): void;
  /** Every snapshot kept; ones that cannot be read are dropped. */
  list(): HistoryRecord[];
}

function isRecord(value: unknown): value is HistoryRecord {
  if (typeof value !== 'object' || value === null) return false;
  const r = value as Record<string, unknown>;
  return (
    typeof r.id === 'string' &&
    typeof r.problem === 'string' &&
    typeof r.createdAt === 'number' &&
    typeof r.updatedAt === 'number' &&
    STATUSES.includes(r.status as HistoryStatus) &&
    Array.isArray(r.blocks) &&
    Array.isArray(r.notices) &&
    Array.isArray(r.checks) &&
    typeof r.capped === 'boolean'
  );
}

function browserStorage(): Storage | null {
  try {
    // Reading the property throws where the browser blocks storage (a sandboxed or third-party frame).
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}

/** Backed by localStorage, whose writes finish before the call returns; without it, keeps nothing. */
export function createUnloadStash(storage: Storage | null = browserStorage()): UnloadStash {
  const keys = () => {
    const found: string[] = [];
    for (let i = 0; i < (storage?.length ?? 0); i++) {
      const key = storage?.key(i);
      if (key?.startsWith(PREFIX)) found.push(key);
    }
    return found;
  };
  const quietly = (work: () => void) => {
    try {
      work();
    } catch {
      // Full or blocked storage: the IndexedDB write is all that is left to try.
    }
  };
  return {
    put: (record) => quietly(() => storage?.setItem(PREFIX + record.id, JSON.stringify(record))),
    drop: (id) => quietly(() => storage?.removeItem(PREFIX + id)),
    dropAll: () => quietly(() => keys().forEach((key) => storage?.removeItem(key))),
    list() {
      const records: HistoryRecord[] = [];
      quietly(() => {
        for (const key of keys()) {
          let value: unknown = null;
          try {
            value = JSON.parse(storage?.getItem(key) ?? 'null');
          } catch {
            // Damaged: dropped below.
          }
          if (isRecord(value) && PREFIX + value.id === key) records.push(value);
          else storage?.removeItem(key);
        }
      });
      return records;
    },
  };
}

import type { HistoryRecord } from './history-entry';
import { checkRecord } from './history-schema';

const PREFIX = 'mathcoder-tutor-history-unsaved:';

/** The snapshots that can be written into the history, and why each one kept that cannot was left out. */
export interface StashList {
  records: HistoryRecord[];
  setAside: string[];
}

/**
 * A solve's latest snapshot, kept synchronously as the tab goes away: an IndexedDB write begun then may never land,
 * so the next start writes what is kept here into the history.
 */
export interface UnloadStash {
  put(record: HistoryRecord): void;
  drop(id: string): void;
  dropAll(): void;
  /** Every snapshot kept; ones that fail the schema check stay stored (until dropAll) but are not returned. */
  list(): StashList;
}

function read(text: string | null | undefined): ReturnType<typeof checkRecord> {
  try {
    return checkRecord(JSON.parse(text ?? 'null'));
  } catch {
    return { ok: false, why: 'record is not JSON' };
  }
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
      const list: StashList = { records: [], setAside: [] };
      quietly(() => {
        for (const key of keys()) {
          const record = read(storage?.getItem(key));
          if (!record.ok) list.setAside.push(record.why);
          // A record filed under another entry's key is not trusted either.
          else if (PREFIX + record.value.id !== key) list.setAside.push('record.id is not its key');
          else list.records.push(record.value);
        }
      });
      return list;
    },
  };
}

import { selectedModel, useModelStore } from '../../ui/state/model-store';
import { useHistoryStore, type HistoryItem } from '../../ui/state/history-store';
import { useTraceStore, type TraceStatus } from '../../ui/state/trace-store';
import type { OnSolveStart } from '../solve-events';
import { openHistoryDb, type HistoryDb } from './history-db';
import type { HistoryCheck, HistoryStatus, HistorySummary } from './history-entry';
import { toHistoryError } from './history-error';
import { recordSolves, type Recorder } from './history-recorder';
import { createUnloadStash, type UnloadStash } from './unload-stash';

export type NewCheck = Omit<HistoryCheck, 'checkedAt'> & { checkedAt?: number };

/** The solve history: saves every solve, lists, opens and deletes past ones. */
export interface History {
  /** Opens the database, marks solves cut off by a closed tab as interrupted and lists the rest. */
  start(): Promise<void>;
  open(id: string): Promise<void>;
  remove(id: string): Promise<void>;
  clear(): Promise<void>;
  /** Attaches an answer check to an entry; resolves false (and shows why) when it could not be saved. */
  addCheck(id: string, check: NewCheck): Promise<boolean>;
  /** The entry shown in the Solution area: the solve running or last run, or the one opened. */
  currentEntryId(): string | null;
}

const LOCK_PREFIX = 'mathcoder-tutor-history:';
const CHANNEL = 'mathcoder-tutor-history';
const REFRESH_MS = 300;

function toItem({
  id,
  problem,
  createdAt,
  status,
  answer,
  model,
  checkCount,
}: HistorySummary): HistoryItem {
  return { id, problem, createdAt, status, answer, model, checkCount };
}

const shownStatus: Record<HistoryStatus, TraceStatus> = {
  solving: 'stopped',
  interrupted: 'stopped',
  done: 'done',
  stopped: 'stopped',
  failed: 'failed',
};

/** Holds a Web Lock while a solve is written, so another tab can tell it is not interrupted. */
function holdLock(id: string): (() => void) | void {
  if (!navigator.locks) return;
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  void navigator.locks.request(LOCK_PREFIX + id, () => held).catch(() => undefined);
  return release;
}

async function heldLocks(): Promise<Set<string>> {
  if (!navigator.locks) return new Set();
  const { held = [] } = await navigator.locks.query();
  return new Set(
    held.flatMap((lock) =>
      lock.name?.startsWith(LOCK_PREFIX) ? [lock.name.slice(LOCK_PREFIX.length)] : [],
    ),
  );
}

function modelLabel(): string | null {
  const models = useModelStore.getState();
  if (models.playback) return `Saved solution ${models.playback.label}`;
  return selectedModel(models)?.label ?? null;
}

export function createHistory(
  onSolveStart: OnSolveStart,
  openDb: () => Promise<HistoryDb> = openHistoryDb,
  stash: UnloadStash = createUnloadStash(),
): History {
  const store = useHistoryStore.getState;
  let opening: Promise<HistoryDb> | null = null;
  let recorder: Recorder | null = null;
  const db = () => (opening ??= openDb());
  // Other tabs of the app are told when the history changes, and list it again.
  const channel = typeof BroadcastChannel === 'undefined' ? null : new BroadcastChannel(CHANNEL);
  let refreshTimer: ReturnType<typeof setTimeout> | null = null;
  const announce = () => channel?.postMessage('changed');
  // What this tab kept in the stash, by entry and snapshot time: a write that lands at least as new drops it.
  const stashed = new Map<string, number>();
  // Stored entries that failed the schema check, in the stash and in the database.
  let stashSetAside: string[] = [];

  function setAside(fromDb: string[]) {
    const all = [...stashSetAside, ...fromDb];
    // One line each, for whoever looks into a damaged history; the page says how many.
    if (all.length > 0) console.warn(`History left out ${all.length} unreadable entries:`, all);
    store().setSetAside(all.length);
  }

  async function listSaved(database: HistoryDb): Promise<HistorySummary[]> {
    const { summaries, setAside: fromDb } = await database.list();
    setAside(fromDb);
    return summaries;
  }

  /** The tab may be going away: keeps the unwritten snapshot where it survives, and tries to write it too. */
  function keepUnsaved() {
    const record = recorder?.unsaved();
    if (record) {
      stash.put(record);
      stashed.set(record.id, record.updatedAt);
    }
    void recorder?.flush();
  }

  function dropStashed(record: HistorySummary) {
    const at = stashed.get(record.id);
    if (at === undefined || record.updatedAt < at) return;
    stashed.delete(record.id);
    stash.drop(record.id);
  }

  /** Writes what a tab that went away kept in the stash, where it is newer than the stored copy. */
  async function restoreStashed(database: HistoryDb) {
    const { records, setAside: unreadable } = stash.list();
    stashSetAside = unreadable;
    for (const record of records) {
      try {
        await database.saveIfNewer(record);
        stash.drop(record.id);
      } catch (error) {
        // Kept for the next start (a full disk, say); the rest of the history still opens.
        report(error);
      }
    }
  }

  async function refresh() {
    refreshTimer = null;
    try {
      store().setItems((await listSaved(await db())).map(toItem));
    } catch (error) {
      report(error, 'read the list of past problems');
    }
  }

  function report(error: unknown, doing = 'save this solution') {
    store().setError(toHistoryError(error, doing).message);
  }

  /** Puts the entry first; false when the list already showed it so (most writes while tokens stream). */
  function upsert(summary: HistorySummary): boolean {
    const next = toItem(summary);
    const items = store().items;
    const first = items[0];
    if (first && (Object.keys(next) as Array<keyof HistoryItem>).every((k) => first[k] === next[k]))
      return false;
    store().setItems([next, ...items.filter((item) => item.id !== summary.id)]);
    return true;
  }

  return {
    async start() {
      store().enable();
      recorder = recordSolves(useTraceStore, onSolveStart, {
        save: async (record) => (await db()).save(record),
        remove: async (id) => (await db()).remove(id),
        modelLabel,
        onStart: (id) => {
          store().setCurrent(id);
          return holdLock(id);
        },
        onSaved: (record) => {
          dropStashed(record);
          if (upsert(record)) announce();
        },
        onRemoved: (id) => {
          store().setItems(store().items.filter((item) => item.id !== id));
          announce();
        },
        onError: (error) => report(error),
      });
      if (channel) {
        channel.onmessage = () => {
          refreshTimer ??= setTimeout(() => void refresh(), REFRESH_MS);
        };
      }
      // The last streamed tokens, or a solve's end, are kept before the tab goes away.
      addEventListener('pagehide', keepUnsaved);
      document.addEventListener('visibilitychange', () => {
        if (document.visibilityState === 'hidden') keepUnsaved();
      });
      try {
        const database = await db();
        await restoreStashed(database);
        const live = await heldLocks();
        await database.markInterrupted((id) => live.has(id) || id === recorder?.liveId());
        const saved = await listSaved(database);
        // A solve started meanwhile is already in the list; keep its newer copy.
        const shown = new Set(store().items.map((item) => item.id));
        store().setItems([...store().items, ...saved.filter((s) => !shown.has(s.id)).map(toItem)]);
        store().setStatus('ready');
      } catch (error) {
        store().setStatus('unavailable');
        report(error, 'read the list of past problems');
      }
    },
    async open(id) {
      if (useTraceStore.getState().status === 'solving') return;
      try {
        const record = await (await db()).get(id);
        if (!record) {
          store().setItems(store().items.filter((item) => item.id !== id));
          store().setError('This entry is no longer in the history.');
          return;
        }
        // Detached first, so putting the entry on screen is not saved as an edit of the last one.
        recorder?.attach(null);
        useTraceStore.getState().show({
          problem: record.problem,
          blocks: record.blocks.map((block) => ({ ...block, done: true })),
          answer: record.answer,
          status: shownStatus[record.status],
          capped: record.capped,
          error: record.error,
          notices: record.notices,
          usage: record.usage,
        });
        const { createdAt, model, status } = record;
        recorder?.attach({
          id,
          createdAt,
          model,
          status: status === 'solving' ? 'interrupted' : status,
        });
        store().setCurrent(id);
        store().setError(null);
      } catch (error) {
        report(error, 'open this entry');
      }
    },
    async remove(id) {
      try {
        await (await db()).remove(id);
        stash.drop(id);
        store().setItems(store().items.filter((item) => item.id !== id));
        if (store().currentId === id) store().setCurrent(null);
        if (recorder?.currentId() === id) recorder.attach(null);
        store().setError(null);
        announce();
      } catch (error) {
        report(error, 'delete this entry');
      }
    },
    async clear() {
      try {
        await (await db()).clear();
        stash.dropAll();
        stashSetAside = [];
        store().setSetAside(0);
        store().setItems([]);
        store().setCurrent(null);
        recorder?.attach(null);
        store().setError(null);
        announce();
      } catch (error) {
        report(error, 'delete the history');
      }
    },
    async addCheck(id, check) {
      const record: HistoryCheck = { ...check, checkedAt: check.checkedAt ?? Date.now() };
      try {
        // The solve's own write may still be queued; let it land first.
        await recorder?.flush();
        await (await db()).addCheck(id, record);
        store().setItems(
          store().items.map((item) =>
            item.id === id ? { ...item, checkCount: item.checkCount + 1 } : item,
          ),
        );
        announce();
        return true;
      } catch (error) {
        report(error, 'save the answer check');
        return false;
      }
    },
    currentEntryId: () => store().currentId,
  };
}

import type { useTraceStore } from '../../ui/state/trace-store';
import type { OnSolveStart, SolveStart } from '../solve-events';
import type { HistoryRecord, HistoryStatus } from './history-entry';

type TraceSnapshot = ReturnType<typeof useTraceStore.getState>;
type TraceStoreApi = Pick<typeof useTraceStore, 'getState' | 'subscribe'>;

export interface RecorderOptions {
  save(record: HistoryRecord): Promise<void>;
  remove(id: string): Promise<void>;
  /** The model's label, or the saved solution's name for a playback. */
  modelLabel(): string | null;
  /** Called as a solve starts; the returned function is called when it ends (a cross-tab lock, say). */
  onStart?(id: string): (() => void) | void;
  onSaved(record: HistoryRecord): void;
  onRemoved(id: string): void;
  onError(error: unknown): void;
  /** Streaming writes are batched: at most one per this many milliseconds. */
  throttleMs?: number;
  now?: () => number;
  newId?: () => string;
}

/** The entry the trace on screen belongs to. */
export interface AttachedEntry {
  id: string;
  createdAt: number;
  model: string | null;
  /** How it ended; null while it is being solved. */
  status: Exclude<HistoryStatus, 'solving'> | null;
}

export interface Recorder {
  /** The entry of the trace on screen: the solve running or last run, or one attached after opening it. */
  currentId(): string | null;
  /** The entry being solved now, or null between solves. */
  liveId(): string | null;
  /** Ties later edits of the trace on screen (edit & re-run) to this entry, or to none. */
  attach(entry: AttachedEntry | null): void;
  /** Writes the trace at once (the tab may be closing). */
  flush(): Promise<void>;
  /** The entry as it stands now, when a change to it has not been written yet (queued, in flight or failed). */
  unsaved(): HistoryRecord | null;
  stop(): void;
}

function endStatus(trace: TraceSnapshot): Exclude<HistoryStatus, 'solving'> {
  return trace.status === 'idle' || trace.status === 'solving' ? 'stopped' : trace.status;
}

/**
 * Saves every solve from the trace store: once when it starts, batched while it streams, and when it ends;
 * later edits of that trace (a re-run cell) update the same entry, and a continued solve goes on in it.
 */
export function recordSolves(
  traceStore: TraceStoreApi,
  onSolveStart: OnSolveStart,
  options: RecorderOptions,
): Recorder {
  const throttleMs = options.throttleMs ?? 400;
  const now = options.now ?? Date.now;
  const newId = options.newId ?? (() => crypto.randomUUID());
  let entry: AttachedEntry | null = null;
  let release: (() => void) | void = undefined;
  let timer: ReturnType<typeof setTimeout> | null = null;
  // Writes go one after another so an older snapshot never lands after a newer one.
  let queue: Promise<void> = Promise.resolve();
  // Writes asked for and writes that landed, counted, so a tab going away knows whether its last change is stored.
  let requested = 0;
  let landed = 0;

  function snapshot(trace: TraceSnapshot): HistoryRecord | null {
    if (!entry) return null;
    return {
      id: entry.id,
      problem: trace.problem,
      createdAt: entry.createdAt,
      updatedAt: now(),
      status: entry.status ?? 'solving',
      answer: trace.answer,
      model: entry.model,
      checkCount: 0,
      blocks: trace.blocks.map(({ id, kind, text, execution }) =>
        execution ? { id, kind, text, execution: { ...execution } } : { id, kind, text },
      ),
      capped: trace.capped,
      error: trace.error,
      notices: trace.notices.map(({ code, message }) => ({ code, message })),
      usage: trace.usage,
      checks: [],
    };
  }

  function enqueue(work: () => Promise<void>): Promise<void> {
    queue = queue.then(work).catch(options.onError);
    return queue;
  }

  function cancelTimer() {
    if (timer) clearTimeout(timer);
    timer = null;
  }

  function write(): Promise<void> {
    cancelTimer();
    const record = snapshot(traceStore.getState());
    if (!record) return queue;
    const request = ++requested;
    return enqueue(async () => {
      await options.save(record);
      landed = Math.max(landed, request);
      options.onSaved(record);
    });
  }

  function begin({ resumed }: SolveStart) {
    // One still live when the next starts ends here (stopped), as the trace has moved on.
    if (entry?.status === null) end(traceStore.getState());
    // A solve that goes on from blocks already on screen ("continue from here") stays in their entry.
    if (!resumed || !entry) {
      entry = { id: newId(), createdAt: now(), model: options.modelLabel(), status: null };
    } else {
      entry = { ...entry, status: null };
    }
    release = options.onStart?.(entry.id);
    void write();
  }

  function end(trace: TraceSnapshot) {
    if (!entry) return;
    release?.();
    release = undefined;
    const { id } = entry;
    // Solve pressed with no model loaded: nothing was attempted, so nothing is kept.
    if (trace.blocks.length === 0 && trace.error?.code === 'model-not-loaded') {
      cancelTimer();
      entry = null;
      void enqueue(async () => {
        await options.remove(id);
        options.onRemoved(id);
      });
      return;
    }
    entry = { ...entry, status: endStatus(trace) };
    void write();
  }

  const offStart = onSolveStart(begin);
  const unsubscribe = traceStore.subscribe((trace, previous) => {
    const solving = trace.status === 'solving';
    // The trace cleared for a new solve belongs to the entry begun for it, not to the last one.
    if (solving && entry?.status !== null) return;
    if (!solving && previous.status === 'solving') {
      end(trace);
    } else if (entry && (trace.blocks !== previous.blocks || trace.answer !== previous.answer)) {
      // Tokens stream many times a second; an edit between solves is rare, so it is written at once.
      if (solving) timer ??= setTimeout(() => void write(), throttleMs);
      else void write();
    }
  });

  return {
    currentId: () => entry?.id ?? null,
    liveId: () => (entry?.status === null ? entry.id : null),
    attach(next) {
      if (entry?.status === null) return;
      cancelTimer();
      entry = next;
      landed = requested;
    },
    flush: write,
    unsaved: () => (timer !== null || landed < requested ? snapshot(traceStore.getState()) : null),
    stop() {
      offStart();
      unsubscribe();
      cancelTimer();
    },
  };
}

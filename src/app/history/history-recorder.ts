import type { useTraceStore } from '../../ui/state/trace-store';
import type { HistoryRecord, HistoryStatus } from './history-entry';

type TraceSnapshot = ReturnType<typeof useTraceStore.getState>;
type TraceStoreApi = Pick<typeof useTraceStore, 'getState' | 'subscribe'>;

export interface RecorderOptions {
  save(record: HistoryRecord): Promise<void>;
  remove(id: string): Promise<void>;
  /** The model's label, or the saved solution's name for a replay. */
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

export interface Recorder {
  /** The entry of the solve running now or last run, until another one starts. */
  currentId(): string | null;
  /** The entry being written now, or null between solves. */
  liveId(): string | null;
  /** Writes the running solve at once (the tab may be closing). */
  flush(): Promise<void>;
  stop(): void;
}

function statusOf(trace: TraceSnapshot): HistoryStatus {
  return trace.status === 'idle' ? 'stopped' : trace.status;
}

/** Saves every solve from the trace store: once when it starts, batched while it streams, and when it ends. */
export function recordSolves(traceStore: TraceStoreApi, options: RecorderOptions): Recorder {
  const throttleMs = options.throttleMs ?? 400;
  const now = options.now ?? Date.now;
  const newId = options.newId ?? (() => crypto.randomUUID());
  let live: {
    id: string;
    createdAt: number;
    model: string | null;
    release: (() => void) | void;
  } | null = null;
  let current: string | null = null;
  let timer: ReturnType<typeof setTimeout> | null = null;
  // Writes go one after another so an older snapshot never lands after a newer one.
  let queue: Promise<void> = Promise.resolve();

  function snapshot(trace: TraceSnapshot): HistoryRecord | null {
    if (!live) return null;
    return {
      id: live.id,
      problem: trace.problem,
      createdAt: live.createdAt,
      updatedAt: now(),
      status: statusOf(trace),
      answer: trace.answer,
      model: live.model,
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

  function write(): Promise<void> {
    if (timer) clearTimeout(timer);
    timer = null;
    const record = snapshot(traceStore.getState());
    if (!record) return queue;
    return enqueue(async () => {
      await options.save(record);
      options.onSaved(record);
    });
  }

  function end(trace: TraceSnapshot) {
    const id = live?.id;
    live?.release?.();
    // Solve pressed with no model loaded: nothing was attempted, so nothing is kept.
    if (id && trace.blocks.length === 0 && trace.error?.code === 'model-not-loaded') {
      if (timer) clearTimeout(timer);
      timer = null;
      live = null;
      current = null;
      void enqueue(async () => {
        await options.remove(id);
        options.onRemoved(id);
      });
      return;
    }
    void write();
    live = null;
  }

  const unsubscribe = traceStore.subscribe((trace, previous) => {
    if (trace.status === 'solving' && previous.status !== 'solving') {
      if (live) end(previous);
      const id = newId();
      live = { id, createdAt: now(), model: options.modelLabel(), release: undefined };
      current = id;
      live.release = options.onStart?.(id);
      void write();
    } else if (trace.status === 'solving' && live) {
      timer ??= setTimeout(() => void write(), throttleMs);
    } else if (previous.status === 'solving' && live) {
      end(trace);
    }
  });

  return {
    currentId: () => current,
    liveId: () => live?.id ?? null,
    flush: write,
    stop() {
      unsubscribe();
      if (timer) clearTimeout(timer);
    },
  };
}

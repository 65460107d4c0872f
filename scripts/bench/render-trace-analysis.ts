// Splits the page's main-thread time, as Chromium's trace records it, between the tokens the render benchmark applied.

export interface TraceEventRecord {
  name: string;
  ph: string;
  ts: number;
  dur?: number;
  /** Thread (CPU) time: the wall duration less the time the OS ran something else, which matters on a loaded machine. */
  tdur?: number;
  pid: number;
  tid: number;
}

export interface TraceFile {
  traceEvents: TraceEventRecord[];
}

export interface RenderFigures {
  /** Main-thread CPU ms per token over stretches of at least `TOKENS_PER_STRETCH` tokens. */
  p50: number;
  p95: number;
  mean: number;
  /** The same mean from wall time, which includes time the thread waited for a core. */
  meanWall: number;
  /** Wall and CPU duration of the longest main-thread task while the trace streamed. */
  longestTask: number;
  longestTaskCpu: number;
  /** The same from the first tick to the end of the trace: a render the stream set off may land after it ends. */
  longestTaskToEnd: number;
  longestTaskToEndCpu: number;
  /** Tasks whose own CPU time passed 50 ms: long tasks the page caused, whatever the machine's load. */
  longTasksCpu: number;
  stretches: number;
}

const TICK_PREFIX = 'render-bench:tick:';
const TASK_NAMES = new Set(['RunTask', 'ThreadControllerImpl::RunTask']);
export const TOKENS_PER_STRETCH = 10;
/** Work that a stretch's last tokens cause (render, layout, paint) lands shortly after the last tick. */
const TAIL_US = 100_000;
const LONG_TASK_US = 50_000;

interface Task {
  start: number;
  end: number;
  cpu: number;
}

/** Top-level tasks can nest (a task run inside another's nested loop): only the outer one counts. */
function outerTasks(tasks: Task[]): Task[] {
  const sorted = [...tasks].sort((a, b) => a.start - b.start || b.end - a.end);
  const outer: Task[] = [];
  for (const task of sorted) {
    const last = outer.at(-1);
    if (last && task.start < last.end) continue;
    outer.push(task);
  }
  return outer;
}

/** Wall and CPU time of the tasks inside [start, end); a task cut by an edge counts in proportion. */
function busyBetween(tasks: Task[], start: number, end: number): { wall: number; cpu: number } {
  let wall = 0;
  let cpu = 0;
  for (const task of tasks) {
    if (task.end <= start) continue;
    if (task.start >= end) break;
    const overlap = Math.min(end, task.end) - Math.max(start, task.start);
    const length = task.end - task.start;
    wall += overlap;
    cpu += length > 0 ? (task.cpu * overlap) / length : task.cpu;
  }
  return { wall, cpu };
}

export function percentile(values: number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

export function analyseTrace(trace: TraceFile): RenderFigures {
  const ticks = trace.traceEvents
    .filter((e) => e.name.startsWith(TICK_PREFIX))
    .sort((a, b) => a.ts - b.ts);
  const first = ticks[0];
  if (!first) throw new Error('the trace holds no render-bench ticks');
  // The page's main thread is the one that ran the ticks.
  const tasks = outerTasks(
    trace.traceEvents
      .filter(
        (e) => e.ph === 'X' && TASK_NAMES.has(e.name) && e.pid === first.pid && e.tid === first.tid,
      )
      .map((e) => ({ start: e.ts, end: e.ts + (e.dur ?? 0), cpu: e.tdur ?? e.dur ?? 0 })),
  );
  if (tasks.length === 0) throw new Error('the trace holds no main-thread tasks');

  // Stretches of at least TOKENS_PER_STRETCH tokens, each from its first tick to the next stretch's first tick.
  const stretches: Array<{ start: number; tokens: number }> = [];
  let open: { start: number; tokens: number } | null = null;
  for (const tick of ticks) {
    const tokens = Number(tick.name.slice(TICK_PREFIX.length)) || 0;
    open ??= { start: tick.ts, tokens: 0 };
    open.tokens += tokens;
    if (open.tokens >= TOKENS_PER_STRETCH) {
      stretches.push(open);
      open = null;
    }
  }
  if (open && open.tokens > 0) stretches.push(open);
  const end = ticks.at(-1)!.ts + TAIL_US;
  const perToken = stretches.map((stretch, i) => {
    const until = stretches[i + 1]?.start ?? end;
    return busyBetween(tasks, stretch.start, until).cpu / 1000 / stretch.tokens;
  });
  const totalTokens = stretches.reduce((n, s) => n + s.tokens, 0);
  const busy = busyBetween(tasks, first.ts, end);
  const during = tasks.filter((t) => t.end > first.ts && t.start < end);
  const longer = (a: Task, b: Task) => (b.end - b.start > a.end - a.start ? b : a);
  const longest = during.reduce(longer);
  const longestToEnd = tasks.filter((t) => t.end > first.ts).reduce(longer);
  return {
    p50: percentile(perToken, 50),
    p95: percentile(perToken, 95),
    mean: busy.cpu / 1000 / totalTokens,
    meanWall: busy.wall / 1000 / totalTokens,
    longestTask: (longest.end - longest.start) / 1000,
    longestTaskCpu: longest.cpu / 1000,
    longestTaskToEnd: (longestToEnd.end - longestToEnd.start) / 1000,
    longestTaskToEndCpu: longestToEnd.cpu / 1000,
    longTasksCpu: during.filter((t) => t.cpu > LONG_TASK_US).length,
    stretches: stretches.length,
  };
}

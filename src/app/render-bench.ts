import { flushSync } from 'react-dom';
import type { BlockKind, TraceEvent } from '../engine/types';
import { useTraceStore } from '../ui/state/trace-store';
import { NAIVE_RENDER } from '../ui/trace/naive-render';

/** One recorded block, already cut into the pieces a model would stream. */
export interface BenchBlock {
  kind: BlockKind;
  tokens: string[];
}

export interface BenchPlayOptions {
  tokensPerSecond: number;
}

export interface BenchPlayResult {
  /** Whether this page is the naive build (every block re-rendered on every token) or the incremental one. */
  naive: boolean;
  tokens: number;
  ticks: number;
  elapsedMs: number;
  /** Durations of the long tasks (over 50 ms) the page saw while the trace streamed. */
  longTasks: number[];
}

/** `window.renderBench` under `?benchRender`: scripts/bench/bench-render.ts streams a recorded trace into the real view. */
export interface RenderBench {
  play(problem: string, blocks: BenchBlock[], options: BenchPlayOptions): Promise<BenchPlayResult>;
}

export const TICK_MARK = 'render-bench:tick';

interface Step {
  event: TraceEvent;
  /** Model tokens count toward the pace; Python output arrives whole, as the sandbox sends it. */
  token: boolean;
}

function toSteps(blocks: BenchBlock[]): Step[] {
  return blocks.flatMap((block, index): Step[] => {
    const id = `bench-${index}`;
    const token = block.kind !== 'execution';
    const pieces = token ? block.tokens : [block.tokens.join('')];
    return [
      { event: { type: 'block-start', id, kind: block.kind }, token: false },
      ...pieces.map((text) => ({ event: { type: 'block-delta', id, text } as const, token })),
      {
        event: {
          type: 'block-end',
          id,
          ...(token ? {} : { execution: { error: false, timedOut: false, durationMs: 1 } }),
        },
        token: false,
      },
    ];
  });
}

const idle = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function play(
  problem: string,
  blocks: BenchBlock[],
  { tokensPerSecond }: BenchPlayOptions,
): Promise<BenchPlayResult> {
  const steps = toSteps(blocks);
  const store = useTraceStore.getState();
  store.setProblem(problem);
  store.start();
  await idle(200);

  const longTasks: number[] = [];
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) longTasks.push(entry.duration);
  });
  observer.observe({ type: 'longtask' });

  const started = performance.now();
  let next = 0;
  let applied = 0;
  let ticks = 0;
  await new Promise<void>((resolve) => {
    const tick = () => {
      const now = performance.now();
      const due = Math.floor(((now - started) * tokensPerSecond) / 1000) + 1;
      const before = applied;
      while (next < steps.length) {
        const step = steps[next]!;
        if (step.token && applied >= due) break;
        // The naive path renders every token on its own, however far behind it falls.
        if (NAIVE_RENDER) flushSync(() => store.applyEvent(step.event));
        else store.applyEvent(step.event);
        next++;
        if (step.token) applied++;
      }
      ticks++;
      // The benchmark reads these marks from the browser's trace to split main-thread time by token.
      performance.mark(`${TICK_MARK}:${applied - before}`);
      if (next >= steps.length) return resolve();
      setTimeout(
        tick,
        Math.max(0, (applied * 1000) / tokensPerSecond - (performance.now() - started)),
      );
    };
    tick();
  });
  const elapsedMs = performance.now() - started;
  store.finish({ status: 'finished', answer: null });
  await idle(500);
  observer.disconnect();
  return { naive: NAIVE_RENDER, tokens: applied, ticks, elapsedMs, longTasks };
}

export function exposeRenderBench(): void {
  const bench: RenderBench = { play };
  Object.assign(window, { renderBench: bench });
}

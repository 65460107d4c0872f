import { describe, expect, it } from 'vitest';
import { analyseTrace, percentile, type TraceEventRecord } from './render-trace-analysis.ts';

const main = { pid: 1, tid: 7 };
const tick = (ts: number, tokens: number): TraceEventRecord => ({
  name: `render-bench:tick:${tokens}`,
  ph: 'R',
  ts,
  ...main,
});
const task = (ts: number, dur: number, tdur = dur, where = main): TraceEventRecord => ({
  name: 'ThreadControllerImpl::RunTask',
  ph: 'X',
  ts,
  dur,
  tdur,
  ...where,
});

describe('analyseTrace', () => {
  it('splits main-thread CPU time between the tokens of each stretch', () => {
    const traceEvents = [
      // Two stretches of 10 tokens, 50 ms apart, then the tail.
      tick(0, 5),
      tick(25_000, 5),
      tick(50_000, 10),
      task(1_000, 4_000), // 4 ms in the first stretch
      task(30_000, 6_000, 2_000), // waited for a core: 6 ms wall, 2 ms CPU
      task(60_000, 20_000), // 20 ms in the second stretch
      task(10_000, 90_000, 90_000, { pid: 2, tid: 9 }), // another process: ignored
    ];
    const figures = analyseTrace({ traceEvents });
    expect(figures.stretches).toBe(2);
    expect(figures.p50).toBeCloseTo(0.6); // (4 + 2) ms / 10 tokens
    expect(figures.p95).toBeCloseTo(2); // 20 ms / 10 tokens
    expect(figures.mean).toBeCloseTo(26 / 20);
    expect(figures.meanWall).toBeCloseTo(30 / 20);
    expect(figures.longestTask).toBeCloseTo(20);
    expect(figures.longTasksCpu).toBe(0);
  });

  it('counts long tasks by their own CPU time', () => {
    // A task that waited for a core, one that really worked 60 ms, and one after the stream ended.
    const traceEvents = [
      tick(0, 10),
      task(0, 70_000, 30_000),
      task(75_000, 60_000),
      task(300_000, 90_000),
    ];
    const figures = analyseTrace({ traceEvents });
    expect(figures.longestTask).toBeCloseTo(70);
    expect(figures.longestTaskCpu).toBeCloseTo(30);
    expect(figures.longTasksCpu).toBe(1);
  });

  it('counts a task nested in another once', () => {
    const traceEvents = [tick(0, 10), task(0, 10_000), task(2_000, 3_000)];
    expect(analyseTrace({ traceEvents }).mean).toBeCloseTo(1);
  });

  it('refuses a trace without the benchmark marks', () => {
    expect(() => analyseTrace({ traceEvents: [task(0, 1)] })).toThrow(/no render-bench ticks/);
  });
});

describe('percentile', () => {
  it('takes the nearest rank', () => {
    const values = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(percentile(values, 50)).toBe(50);
    expect(percentile(values, 95)).toBe(95);
  });
});

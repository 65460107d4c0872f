// How the page answers while the model writes: a timer asked every 50 ms records how late it ran (what a keypress or a
// scroll would wait for), and the longest main-thread task the browser reports. llama.cpp's threads spin while they
// wait for each other, so more threads can starve the page on a machine with few cores.
import type { Page } from '@playwright/test';

export interface PageLag {
  lagP95Ms: number;
  lagMaxMs: number;
  longestTaskMs: number;
}

// As text: tsx names the functions it compiles with a helper the page lacks.
const START = `(() => {
  const state = { lags: [], longest: 0, stop: () => {} };
  const every = 50;
  let due = performance.now() + every;
  const timer = setInterval(() => {
    const now = performance.now();
    state.lags.push(Math.max(0, now - due));
    due = now + every;
  }, every);
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) state.longest = Math.max(state.longest, entry.duration);
  });
  observer.observe({ type: 'longtask' });
  state.stop = () => { clearInterval(timer); observer.disconnect(); };
  window.lagProbe = state;
})()`;

const READ = `(() => {
  const state = window.lagProbe;
  state.stop();
  const sorted = [...state.lags].sort((a, b) => a - b);
  const p95 = sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * 0.95))] : 0;
  return { lagP95Ms: p95, lagMaxMs: sorted.length ? sorted[sorted.length - 1] : 0, longestTaskMs: state.longest };
})()`;

/** Starts the probe on the page; `readPageLag` stops it and returns what it saw. */
export async function startPageLag(page: Page): Promise<void> {
  await page.evaluate(START);
}

export async function readPageLag(page: Page): Promise<PageLag> {
  return (await page.evaluate(READ)) as PageLag;
}

/** At most this many threads: llama.cpp's threads meet at every operation, and more of them only wait longer. */
export const MOST_THREADS = 8;

/**
 * The threads llama.cpp gets in the tab. Without cross-origin isolation there is no shared memory, so one. On two
 * cores, both: Python is idle while the model writes, and two threads wrote 1.8–2× faster there with the page as quick
 * to answer (`npm run bench:native -- --threads 1,2`). Above that, half the logical cores (hyper-threads share one
 * core's arithmetic; more cores could not be measured here).
 */
export function llamaThreads(cores: number | undefined, crossOriginIsolated: boolean): number {
  if (!crossOriginIsolated) return 1;
  const logical = cores && cores > 0 ? Math.floor(cores) : 2;
  return Math.min(MOST_THREADS, Math.max(Math.min(logical, 2), Math.floor(logical / 2)));
}

/** The fewest cores for which the rule gives `threads`: what a benchmark reports to the page to get them. */
export function coresForThreads(threads: number): number {
  for (let cores = 1; cores <= 4 * MOST_THREADS; cores++)
    if (llamaThreads(cores, true) === threads) return cores;
  throw new Error(`No core count gives ${threads} llama.cpp threads (at most ${MOST_THREADS}).`);
}

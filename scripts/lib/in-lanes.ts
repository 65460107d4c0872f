import { availableParallelism } from 'node:os';

/**
 * Runs `run` on each item, at most `lanes` at once (item i starts when item i - lanes has ended), and returns the
 * promises in the items' order, so results can be reported in order while the machine's cores share the work.
 */
export function inLanes<T, R>(
  items: readonly T[],
  run: (item: T) => Promise<R>,
  lanes = availableParallelism(),
): Promise<R>[] {
  const started: Promise<R>[] = [];
  for (const [i, item] of items.entries()) {
    const before = started[i - Math.max(1, lanes)]?.catch(() => undefined) ?? Promise.resolve();
    const result = before.then(() => run(item));
    result.catch(() => undefined); // handled here too: a later item's failure waits for its turn to be reported
    started.push(result);
  }
  return started;
}

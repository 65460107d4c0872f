import { expect, it } from 'vitest';
import { inLanes } from './in-lanes';

/** A task per item that ends only when the test says so, recording which have started. */
function gatedTasks() {
  const started: string[] = [];
  const gates = new Map<string, () => void>();
  const run = (item: string) =>
    new Promise<string>((resolve) => {
      started.push(item);
      gates.set(item, () => resolve(item.toUpperCase()));
    });
  return { started, run, end: (item: string) => gates.get(item)!() };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

it('runs at most `lanes` items at once, each starting when the one a lane before it ends', async () => {
  const { started, run, end } = gatedTasks();
  const results = inLanes(['a', 'b', 'c', 'd'], run, 2);
  await settle();
  expect(started).toEqual(['a', 'b']);
  end('b');
  await settle();
  expect(started).toEqual(['a', 'b', 'd']);
  end('a');
  await settle();
  expect(started).toEqual(['a', 'b', 'd', 'c']);
  end('c');
  end('d');
  expect(await Promise.all(results)).toEqual(['A', 'B', 'C', 'D']);
});

it('keeps a failure for its own place in the order and goes on with the rest', async () => {
  const results = inLanes(
    [1, 2, 3],
    async (n) => {
      if (n === 2) throw new Error('two failed');
      return n * 10;
    },
    1,
  );
  await expect(results[0]).resolves.toBe(10);
  await expect(results[1]).rejects.toThrow('two failed');
  await expect(results[2]).resolves.toBe(30);
});

import type { RawCompletionChunk } from '@wllama/wllama/esm/index.js';
import { expect, it } from 'vitest';
import { describeSolveTime, measureDecodeSpeed } from './solve-time';

function streamOf(chunks: Partial<RawCompletionChunk>[]) {
  return {
    createCompletion: async () =>
      (async function* () {
        for (const chunk of chunks) yield chunk as RawCompletionChunk;
      })(),
  };
}

const timings = (predicted_n: number, predicted_per_second: number) =>
  ({ predicted_n, predicted_per_second }) as RawCompletionChunk['timings'];

it("reads llama.cpp's decode timing from the probe's last timed chunk", async () => {
  const probe = streamOf([{ timings: timings(1, 9) }, { timings: timings(4, 0.42) }, {}]);
  expect(await measureDecodeSpeed(probe)).toBe(0.42);
});

it('gives no speed when llama.cpp timed no decode', async () => {
  expect(await measureDecodeSpeed(streamOf([{ timings: timings(1, 5) }]))).toBeNull();
  expect(await measureDecodeSpeed(streamOf([{}]))).toBeNull();
});

it('says what a typical solution takes at the measured speed', () => {
  expect(describeSolveTime(0.4)).toBe(
    "writes about 0.4 tokens/s on this device's CPU: a typical solution (about 300 tokens) takes about 13 minutes",
  );
  expect(describeSolveTime(25)).toMatch(/about 25 tokens\/s .* takes about 12 seconds$/);
  expect(describeSolveTime(0.05)).toMatch(/takes about 1\.7 hours$/);
  expect(describeSolveTime(0.032)).toMatch(
    /^writes about 0\.03 tokens\/s .* takes about 2\.6 hours$/,
  );
});

import { expect, it } from 'vitest';
import { RATE_WINDOW_MS, TokenRate } from './live-token-rate';

it('gives pieces per second over the window, and nothing while none arrive', () => {
  const meter = new TokenRate();
  expect(meter.rate(0)).toBeNull();
  meter.piece(0);
  expect(meter.rate(100)).toBeNull();
  for (const t of [2500, 5000, 7500]) meter.piece(t);
  expect(meter.rate(8000)).toBeCloseTo(0.4);
  // Reading a code output: no pieces for longer than the window, so no stale rate.
  expect(meter.rate(7500 + RATE_WINDOW_MS + 1)).toBeNull();
});

import { describe, expect, it } from 'vitest';
import { SliceBudget } from './slice-budget.ts';

function budget(ms: number, chars: number) {
  let now = 0;
  const pending: Array<() => void> = [];
  let heldBack = 0;
  const slice = new SliceBudget(
    ms,
    chars,
    () => (heldBack += 1),
    () => now,
    (run) => pending.push(run),
  );
  return {
    slice,
    advance: (ms: number) => (now += ms),
    endSlice: () => pending.splice(0).forEach((run) => run()),
    heldBack: () => heldBack,
  };
}

describe('SliceBudget', () => {
  it('holds formulas back past the time budget and asks for the next slice once', () => {
    const { slice, advance, endSlice, heldBack } = budget(20, Infinity);
    expect(slice.allows()).toBe(true);
    advance(19);
    expect(slice.allows()).toBe(true);
    advance(1);
    expect([slice.allows(), slice.allows()]).toEqual([false, false]);
    expect(heldBack()).toBe(0);
    endSlice();
    expect(heldBack()).toBe(1);
    expect(slice.allows()).toBe(true);
  });

  it('holds formulas back past the HTML budget, however fast they were typeset', () => {
    const { slice, endSlice, heldBack } = budget(20, 1_000);
    expect(slice.allows()).toBe(true);
    slice.spend(600);
    expect(slice.allows()).toBe(true);
    slice.spend(600);
    expect(slice.allows()).toBe(false);
    endSlice();
    expect(heldBack()).toBe(1);
    expect(slice.allows()).toBe(true);
  });

  it('asks for nothing when no formula was held back', () => {
    const { slice, endSlice, heldBack } = budget(20, 1_000);
    slice.allows();
    endSlice();
    expect(heldBack()).toBe(0);
  });
});

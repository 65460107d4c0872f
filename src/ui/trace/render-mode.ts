// The render benchmark compares the incremental path with the naive one: every block, formulas included, re-rendered
// on every token.
let naive = false;

export const isNaiveRender = (): boolean => naive;

export function setNaiveRender(on: boolean): void {
  naive = on;
}

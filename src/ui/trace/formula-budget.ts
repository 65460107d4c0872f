// What the page typesets itself: KaTeX takes about 0.1–0.25 ms of one core per character of the larger formulas, and
// no task of the page should take over 200 ms.

/** Typesetting time one task of the page may spend; formulas past it wait for the next task. */
export const SLICE_BUDGET_MS = 20;
/** KaTeX HTML one frame may add (about 40 short formulas): laying it out costs more than typesetting it. */
export const SLICE_BUDGET_CHARS = 60_000;
/** Formulas longer than this (TeX characters) are typeset in a worker. */
export const TYPESET_BUDGET_CHARS = 1_000;
/** Typeset HTML longer than this is not inserted: parsing and laying out its elements alone would take too long. */
export const INSERT_BUDGET_CHARS = 250_000;
/** A formula the worker has not typeset in this time is shown as source, and the worker is replaced. */
export const WORKER_BUDGET_MS = 10_000;

export const isOverTypesetBudget = (tex: string): boolean => tex.length > TYPESET_BUDGET_CHARS;

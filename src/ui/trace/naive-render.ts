/** The build mode of the render benchmark's naive build: `vite build --mode naive-render`. */
export const NAIVE_RENDER_MODE = 'naive-render';

/**
 * True only in that build, where every block, formulas included, is rendered again on every token. Vite writes the
 * mode in as a constant, so every other build folds this to false and leaves the branches it guards out.
 */
export const NAIVE_RENDER: boolean = import.meta.env.MODE === NAIVE_RENDER_MODE;

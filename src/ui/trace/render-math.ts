import { escapeHtml } from './escape-html.ts';
import { isOverTypesetBudget, SLICE_BUDGET_CHARS, SLICE_BUDGET_MS } from './formula-budget.ts';
import { typesetTex } from './katex-typeset.ts';
import { offThreadTypesetter } from './offthread-typeset.ts';
import { RecentCache } from './recent-cache.ts';
import { NAIVE_RENDER } from './naive-render.ts';
import { SliceBudget } from './slice-budget.ts';
import { announceTypesetProgress } from './typeset-progress.ts';

const cache = new RecentCache<string>(400);
const slice = new SliceBudget(SLICE_BUDGET_MS, SLICE_BUDGET_CHARS, () => {
  heldBack = false;
  announceTypesetProgress();
});
// Whether a formula was held back since the last ask: a part that shows one as source must not be kept.
let heldBack = false;

// Slices follow the page's frames; without frames (a script, a unit test) everything is typeset at once.
const inPage = () => typeof requestAnimationFrame !== 'undefined';

/** Whether a formula was held back to a later slice since the last call. */
export function takeHeldBack(): boolean {
  const was = heldBack;
  heldBack = false;
  return was;
}

export const TOO_LARGE_NOTE = 'too large to typeset here';

/** Bounds the formula cache once a render is done, keeping the `keep` formulas it used. */
export function trimFormulaCache(keep: number): void {
  cache.trim(keep);
}

/**
 * KaTeX HTML+MathML for one formula; an invalid formula comes back as its escaped source, never red. When `sliced`,
 * formulas past a frame's typesetting budget show as source until the next slice. A formula over the size budget is
 * typeset in a worker: until it arrives it shows as source, and as source with a note if it never can.
 */
export function renderMath(
  tex: string,
  display: boolean,
  source: string = tex,
  sliced = false,
): string {
  if (NAIVE_RENDER) return typesetTex(tex, display) ?? mathSource(source, display);
  if (isOverTypesetBudget(tex)) return renderOffThread(tex, display, source);
  const key = `${display ? 'D' : 'I'}${source}\u0000${tex}`;
  const hit = cache.get(key);
  if (hit !== undefined) return hit;
  if (sliced && inPage() && !slice.allows()) {
    heldBack = true;
    return mathSource(source, display, 'math-typesetting');
  }
  const html = typesetTex(tex, display) ?? mathSource(source, display);
  slice.spend(html.length);
  cache.set(key, html);
  return html;
}

/** What a render of this formula depends on besides its source: the worker's progress for a large one. */
export function formulaState(tex: string, display: boolean): string {
  if (NAIVE_RENDER || !isOverTypesetBudget(tex)) return '';
  return offThreadTypesetter.result(tex, display)?.kind ?? 'pending';
}

function renderOffThread(tex: string, display: boolean, source: string): string {
  const result = offThreadTypesetter.result(tex, display);
  if (!result) return mathSource(source, display, 'math-typesetting');
  if (result.kind === 'typeset') return result.html;
  if (result.kind === 'invalid') return mathSource(source, display);
  const note = `<span class="math-note">(${TOO_LARGE_NOTE})</span>`;
  return mathSource(source, display).replace(/<\/span>$/, ` ${note}</span>`);
}

/** Source shown as text; always a span because display formulas can sit inside a paragraph. */
export function mathSource(source: string, display: boolean, className = 'math-source'): string {
  const classes = display ? `${className} ${className}--display` : className;
  return `<span class="${classes}">${escapeHtml(source)}</span>`;
}

import katex from 'katex';
import { escapeHtml } from './escape-html.ts';
import { RecentCache } from './recent-cache.ts';
import { isNaiveRender } from './render-mode.ts';

const cache = new RecentCache<string>(400);

/** Bounds the formula cache once a render is done, keeping the `keep` formulas it used. */
export function trimFormulaCache(keep: number): void {
  cache.trim(keep);
}

/** KaTeX HTML+MathML for one formula; an invalid formula comes back as its escaped source, never red. */
export function renderMath(tex: string, display: boolean, source: string = tex): string {
  if (isNaiveRender()) return typeset(tex, display) ?? mathSource(source, display);
  const key = `${display ? 'D' : 'I'}${source}\u0000${tex}`;
  const hit = cache.get(key);
  if (hit !== undefined) return hit;
  const html = typeset(tex, display) ?? mathSource(source, display);
  cache.set(key, html);
  return html;
}

/** Source shown as text; always a span because display formulas can sit inside a paragraph. */
export function mathSource(source: string, display: boolean, className = 'math-source'): string {
  const classes = display ? `${className} ${className}--display` : className;
  return `<span class="${classes}">${escapeHtml(source)}</span>`;
}

function typeset(tex: string, display: boolean): string | null {
  try {
    // throwOnError lets us show the source uncoloured instead of KaTeX's red error span.
    return katex.renderToString(tex, {
      displayMode: display,
      output: 'htmlAndMathml',
      throwOnError: true,
      trust: false,
      strict: 'ignore',
      maxSize: 20,
      maxExpand: 1000,
    });
  } catch {
    return null;
  }
}

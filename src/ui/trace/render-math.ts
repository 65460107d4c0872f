import katex from 'katex';
import { escapeHtml } from './escape-html.ts';
import { isNaiveRender } from './render-mode.ts';

const CACHE_SIZE = 400;
const cache = new Map<string, string>();

/** KaTeX HTML+MathML for one formula; an invalid formula comes back as its escaped source, never red. */
export function renderMath(tex: string, display: boolean, source: string = tex): string {
  if (isNaiveRender()) return typeset(tex, display) ?? mathSource(source, display);
  const key = `${display ? 'D' : 'I'}${source}\u0000${tex}`;
  const hit = cache.get(key);
  if (hit !== undefined) {
    // Re-inserting marks the entry as most recently used.
    cache.delete(key);
    cache.set(key, hit);
    return hit;
  }
  const html = typeset(tex, display) ?? mathSource(source, display);
  cache.set(key, html);
  if (cache.size > CACHE_SIZE) {
    const oldest = cache.keys().next();
    if (!oldest.done) cache.delete(oldest.value);
  }
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

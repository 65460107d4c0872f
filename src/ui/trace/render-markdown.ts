import MarkdownIt from 'markdown-it';
import type { Env, StateCore, Token } from 'markdown-it';
import { escapeHtml } from './escape-html.ts';
import { extractMath, PLACEHOLDER_OPEN, PLACEHOLDER_PATTERN } from './math-spans.ts';
import type { MathSpan } from './math-spans.ts';
import {
  formulaState,
  mathSource,
  renderMath,
  takeHeldBack,
  trimFormulaCache,
} from './render-math.ts';
import { RecentCache } from './recent-cache.ts';
import { splitSettled } from './settled-parts.ts';

interface ProseEnv extends Env {
  mathSpans: MathSpan[];
  /** Typeset in slices, a frame's worth at a time (the streamed view). */
  sliced?: boolean;
}

const md = new MarkdownIt({ html: false, linkify: true, typographer: false });
md.linkify.set({ fuzzyLink: false, fuzzyEmail: false });
// An image would let model text make the browser fetch any URL.
md.disable(['image']);
md.validateLink = (url) => /^https?:\/\/[^\s]+$/i.test(url);

md.renderer.rules.link_open = (tokens, index, options, _env, self) => {
  const token = tokens[index];
  if (token) {
    token.attrSet('target', '_blank');
    token.attrSet('rel', 'noopener noreferrer nofollow');
  }
  return self.renderToken(tokens, index, options);
};

md.renderer.rules.math = (tokens, index, _options, env) => {
  const proseEnv = env as ProseEnv | undefined;
  const span = proseEnv?.mathSpans[Number(tokens[index]?.meta?.span)];
  if (!span) return '';
  if (!span.complete) return mathSource(span.source, span.display, 'math-pending');
  return renderMath(span.tex, span.display, span.source, proseEnv?.sliced);
};

md.core.ruler.push('math_placeholders', (state: StateCore) => {
  for (const block of state.tokens) {
    if (block.type !== 'inline' || !block.children) continue;
    block.children = block.children.flatMap((child) => splitPlaceholders(state, child));
  }
});

function splitPlaceholders(state: StateCore, token: Token): Token[] {
  if (token.type !== 'text' || !token.content.includes(PLACEHOLDER_OPEN)) return [token];
  const parts: Token[] = [];
  let last = 0;
  for (const match of token.content.matchAll(PLACEHOLDER_PATTERN)) {
    if (match.index > last) parts.push(textToken(state, token.content.slice(last, match.index)));
    const math = new state.Token('math', '', 0);
    math.meta = { span: match[1] };
    parts.push(math);
    last = match.index + match[0].length;
  }
  if (last < token.content.length) parts.push(textToken(state, token.content.slice(last)));
  return parts;
}

function textToken(state: StateCore, content: string): Token {
  const token = new state.Token('text', '', 0);
  token.content = content;
  return token;
}

function renderMarkdown(markdown: string, spans: MathSpan[]): string {
  const env: ProseEnv = { mathSpans: spans };
  return restorePlaceholders(md.render(markdown, env), spans);
}

// A placeholder outside text (a link title, say) is put back as plain source.
function restorePlaceholders(html: string, spans: MathSpan[]): string {
  return html.replace(PLACEHOLDER_PATTERN, (_, index: string) =>
    escapeHtml(spans[Number(index)]?.source ?? ''),
  );
}

/** Safe HTML for a prose block: Markdown without raw HTML, formulas typeset by KaTeX. */
export function renderProse(text: string, options: { streaming: boolean }): string {
  const { markdown, spans } = extractMath(text, options);
  const html = renderMarkdown(markdown, spans);
  trimFormulaCache(spans.length);
  return html;
}

/** A part's HTML, or for a paragraph of many formulas its content in runs that together make the paragraph. */
export type PartHtml = string | { paragraph: string[] };

/** Formulas per run of a long paragraph: a streamed paragraph changes only its last run, so the rest stays put. */
export const FORMULAS_PER_RUN = 16;

const partCache = new RecentCache<PartHtml>(300);

/**
 * The same HTML as renderProse, cut into settled parts and an open tail: while a block streams, only its last
 * paragraph is parsed and typeset again, and a part's HTML string stays the same so React leaves its DOM alone. In a
 * page, formulas are typeset a frame's worth at a time; the rest show as source until their slice.
 */
export function renderProseParts(text: string, options: { streaming: boolean }): PartHtml[] {
  const { markdown, spans } = extractMath(text, options);
  const parts = splitSettled(markdown).map((part) => {
    // Placeholders are numbered, so the key carries the formulas a part refers to.
    const formulas = [...part.matchAll(PLACEHOLDER_PATTERN)].map((m) => {
      const span = spans[Number(m[1])];
      if (!span) return '';
      return `${span.complete ? `c${formulaState(span.tex, span.display)}` : 'o'}:${span.source}`;
    });
    const key = `${part}\u0000${formulas.join('\u0000')}`;
    const hit = partCache.get(key);
    if (hit !== undefined) return hit;
    takeHeldBack();
    const html = renderPart(part, spans);
    // A part with formulas held back to a later slice renders again then.
    if (!takeHeldBack()) partCache.set(key, html);
    return html;
  });
  // The next chunk of this block needs all of its parts again, however many there are.
  partCache.trim(parts.length);
  trimFormulaCache(spans.length);
  return parts;
}

function renderPart(part: string, spans: MathSpan[]): PartHtml {
  const env: ProseEnv = { mathSpans: spans, sliced: true };
  const tokens = md.parse(part, env);
  const [open, inline, close] = tokens;
  const children = inline?.children;
  if (
    tokens.length === 3 &&
    open?.type === 'paragraph_open' &&
    close?.type === 'paragraph_close' &&
    children &&
    children.filter((child) => child.type === 'math').length > FORMULAS_PER_RUN
  ) {
    return {
      paragraph: cutRuns(children).map((run) =>
        restorePlaceholders(md.renderer.renderInline(run, md.options, env), spans),
      ),
    };
  }
  return restorePlaceholders(md.renderer.render(tokens, md.options, env), spans);
}

/** Cuts after every FORMULAS_PER_RUN formulas, outside emphasis and links, so a run's HTML is whole. */
function cutRuns(children: Token[]): Token[][] {
  const runs: Token[][] = [];
  let start = 0;
  let depth = 0;
  let formulas = 0;
  children.forEach((child, index) => {
    depth += child.nesting;
    if (child.type === 'math') formulas += 1;
    if (formulas >= FORMULAS_PER_RUN && depth === 0) {
      runs.push(children.slice(start, index + 1));
      start = index + 1;
      formulas = 0;
    }
  });
  if (start < children.length) runs.push(children.slice(start));
  return runs;
}

/** The final answer: TeX when it looks like math, prose when it carries its own delimiters, else text. */
export function renderAnswer(text: string): string {
  const answer = text.trim();
  if (/\$|\\\(|\\\[/.test(answer)) return renderProse(answer, { streaming: false });
  if (/\p{L}{2,}/u.test(answer) && !/[\\^_{}]/.test(answer))
    return `<span class="answer-text">${escapeHtml(answer)}</span>`;
  const html = renderMath(answer, false);
  trimFormulaCache(1);
  return html;
}

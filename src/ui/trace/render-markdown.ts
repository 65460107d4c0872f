import MarkdownIt from 'markdown-it';
import type { Env, StateCore, Token } from 'markdown-it';
import { escapeHtml } from './escape-html.ts';
import { extractMath, PLACEHOLDER_OPEN, PLACEHOLDER_PATTERN } from './math-spans.ts';
import type { MathSpan } from './math-spans.ts';
import { mathSource, renderMath, trimFormulaCache } from './render-math.ts';
import { RecentCache } from './recent-cache.ts';
import { splitSettled } from './settled-parts.ts';

interface ProseEnv extends Env {
  mathSpans: MathSpan[];
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
  const span = (env as ProseEnv | undefined)?.mathSpans[Number(tokens[index]?.meta?.span)];
  if (!span) return '';
  if (!span.complete) return mathSource(span.source, span.display, 'math-pending');
  return renderMath(span.tex, span.display, span.source);
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
  const html = md.render(markdown, env);
  // A placeholder outside text (a link title, say) is put back as plain source.
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

const partCache = new RecentCache<string>(300);

/**
 * The same HTML as renderProse, cut into settled parts and an open tail: while a block streams, only its last
 * paragraph is parsed and typeset again, and a part's HTML string stays the same so React leaves its DOM alone.
 */
export function renderProseParts(text: string, options: { streaming: boolean }): string[] {
  const { markdown, spans } = extractMath(text, options);
  const parts = splitSettled(markdown).map((part) => {
    // Placeholders are numbered, so the key carries the formulas a part refers to.
    const formulas = [...part.matchAll(PLACEHOLDER_PATTERN)].map((m) => {
      const span = spans[Number(m[1])];
      return span ? `${span.complete ? 'c' : 'o'}${span.source}` : '';
    });
    const key = `${part}\u0000${formulas.join('\u0000')}`;
    const hit = partCache.get(key);
    if (hit !== undefined) return hit;
    const html = renderMarkdown(part, spans);
    partCache.set(key, html);
    return html;
  });
  // The next chunk of this block needs all of its parts again, however many there are.
  partCache.trim(parts.length);
  trimFormulaCache(spans.length);
  return parts;
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

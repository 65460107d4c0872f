import type { BlockKind } from './types';

const BOXED = /\\(?:boxed|fbox)\s*\{/g;
const BARE_ANSWER_MAX_CHARS = 64;

/** The content of the last `\boxed{…}` in `text`, nested braces included; null when there is none or it never closes. */
export function lastBoxed(text: string): string | null {
  let found: string | null = null;
  for (const match of text.matchAll(BOXED)) {
    const content = balancedContent(text, match.index + match[0].length);
    if (content !== null) found = content;
  }
  return found === null ? null : found.trim();
}

/** Reads from just after an opening brace to its matching close; `\{` and `\}` do not count. */
function balancedContent(text: string, start: number): string | null {
  let depth = 1;
  for (let i = start; i < text.length; i++) {
    const char = text[i];
    if (char === '\\') {
      i++;
    } else if (char === '{') {
      depth++;
    } else if (char === '}' && --depth === 0) {
      return text.slice(start, i);
    }
  }
  return null;
}

/**
 * The final answer of a trace: the last `\boxed{…}` in the model's text blocks; otherwise, when `bareAnswerBlock`
 * is set, MathCoder's closing bare-answer block (a short one-line text block right after another text block).
 */
export function extractAnswer(
  blocks: ReadonlyArray<{ kind: BlockKind; text: string }>,
  options: { bareAnswerBlock?: boolean } = {},
): string | null {
  const texts = blocks.filter((b) => b.kind === 'text');
  for (let i = texts.length - 1; i >= 0; i--) {
    const boxed = lastBoxed(texts[i]?.text ?? '');
    if (boxed) return boxed;
  }
  if (!options.bareAnswerBlock) return null;
  const modelBlocks = blocks.filter((b) => b.kind !== 'execution');
  const last = modelBlocks.at(-1);
  const beforeLast = modelBlocks.at(-2);
  if (last?.kind !== 'text' || beforeLast?.kind !== 'text') return null;
  const bare = last.text.trim();
  const isShortLine = bare !== '' && bare.length <= BARE_ANSWER_MAX_CHARS && !bare.includes('\n');
  return isShortLine ? bare : null;
}

import { boxedAnswer, lastBoxed, statedAnswer } from './grading/extract';
import type { BlockKind } from './types';

const BARE_ANSWER_MAX_CHARS = 64;

export { lastBoxed };

/** MathCoder's closing bare-answer block: a short one-line text block right after another text block. */
function bareAnswer(blocks: ReadonlyArray<{ kind: BlockKind; text: string }>): string | null {
  const modelBlocks = blocks.filter((b) => b.kind !== 'execution');
  const last = modelBlocks.at(-1);
  const beforeLast = modelBlocks.at(-2);
  if (last?.kind !== 'text' || beforeLast?.kind !== 'text') return null;
  const bare = last.text.trim();
  const isShortLine = bare !== '' && bare.length <= BARE_ANSWER_MAX_CHARS && !bare.includes('\n');
  return isShortLine && lastBoxed(bare) === null ? bare : null;
}

/**
 * The final answer of a trace. With `bareAnswerBlock` (MathCoder), the closing bare-answer block comes first: it
 * names the asked-for value where the boxed sentence often holds a whole system ("a = 4, r = 0"). Otherwise, and
 * as the fallback, the last `\boxed{…}` in the model's text blocks (boxes in a row are one answer: `3, 5`), then an
 * answer the last text block states in words ("Final Answer: 42", "The answer is 42."), as other models write.
 */
export function extractAnswer(
  blocks: ReadonlyArray<{ kind: BlockKind; text: string }>,
  options: { bareAnswerBlock?: boolean } = {},
): string | null {
  const bare = options.bareAnswerBlock ? bareAnswer(blocks) : null;
  if (bare !== null) return bare;
  const texts = blocks.filter((b) => b.kind === 'text');
  for (let i = texts.length - 1; i >= 0; i--) {
    const boxed = boxedAnswer(texts[i]?.text ?? '');
    if (boxed) return boxed;
  }
  return statedAnswer(texts.at(-1)?.text ?? '');
}

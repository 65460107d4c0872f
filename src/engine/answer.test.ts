import { describe, expect, it } from 'vitest';
import { extractAnswer, lastBoxed } from './answer';

const text = (t: string) => ({ kind: 'text' as const, text: t });

describe('lastBoxed', () => {
  it('reads nested braces', () => {
    expect(lastBoxed('so \\(\\boxed{\\frac{1}{\\sqrt{2}}}\\).')).toBe('\\frac{1}{\\sqrt{2}}');
  });

  it('takes the last of several, skipping one that never closes', () => {
    expect(lastBoxed('\\boxed{-1} then \\boxed{1} and \\boxed{2')).toBe('1');
  });

  it('ignores escaped braces when matching', () => {
    expect(lastBoxed('\\boxed{\\{1, 2\\}}')).toBe('\\{1, 2\\}');
    expect(lastBoxed('\\boxed {\\$10,000}')).toBe('\\$10,000');
  });

  it('returns null without a box', () => {
    expect(lastBoxed('The answer is 4.')).toBeNull();
  });
});

describe('extractAnswer', () => {
  it('prefers the last boxed answer in the text blocks, not in code', () => {
    const blocks = [
      text('The cost is \\( \\boxed{-1} \\) dollar. That makes no sense.'),
      { kind: 'code' as const, text: 'print("\\\\boxed{99}")' },
      { kind: 'execution' as const, text: '\\boxed{99}' },
      text('The correct cost is \\( \\boxed{1} \\) dollar.'),
      text('1'),
    ];
    expect(extractAnswer(blocks, { bareAnswerBlock: true })).toBe('1');
  });

  it("falls back to MathCoder's closing bare-answer block", () => {
    const blocks = [text('Janet makes 18 dollars every day.'), text('18')];
    expect(extractAnswer(blocks, { bareAnswerBlock: true })).toBe('18');
    expect(extractAnswer(blocks)).toBeNull();
  });

  it('does not take a sentence, or a block after code, for the bare answer', () => {
    const long = [
      text('Let us start.'),
      text('I apologize for the oversight. Let me correct it and proceed with the factorisation.'),
    ];
    expect(extractAnswer(long, { bareAnswerBlock: true })).toBeNull();
    const afterCode = [
      { kind: 'code' as const, text: 'x' },
      { kind: 'execution' as const, text: '3' },
      text('3'),
    ];
    expect(extractAnswer(afterCode, { bareAnswerBlock: true })).toBeNull();
  });
});

describe('extractAnswer for MathCoder', () => {
  it('prefers the bare-answer block to a boxed system of values', () => {
    const blocks = [text('So \\( \\boxed{a = 4, r = 0} \\).'), text('4')];
    expect(extractAnswer(blocks, { bareAnswerBlock: true })).toBe('4');
    expect(extractAnswer(blocks)).toBe('a = 4, r = 0');
  });
});

describe('extractAnswer for other models', () => {
  it("reads Qwen's boxed answer, several boxes in a row as one answer", () => {
    expect(extractAnswer([text('The roots are \\(\\boxed{2}\\) and \\(\\boxed{3}\\).')])).toBe(
      '2, 3',
    );
    expect(extractAnswer([text('First \\boxed{1}. Then, checking again, \\boxed{2}.')])).toBe('2');
  });

  it('reads an answer stated in words in the last text block', () => {
    expect(
      extractAnswer([
        text('Final Answer: The final answer is $\\frac{3}{4}$. I hope it is correct.'),
      ]),
    ).toBe('\\frac{3}{4}');
    expect(extractAnswer([text('Adding them up.'), text('The answer is 42.')])).toBe('42');
    expect(extractAnswer([text('**Answer:** $x = 3$ or $x = 5$')])).toBe('x = 3 or x = 5');
    expect(extractAnswer([text('The answer is 42.'), text('Let me check that.')])).toBeNull();
    expect(
      extractAnswer([text('The final answer is given by:\n\n\\[\n2x + 1\n\\]\n\nNow simplify.')]),
    ).toBe('2x + 1');
  });
});

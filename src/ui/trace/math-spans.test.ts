import { describe, expect, it } from 'vitest';
import { extractMath } from './math-spans.ts';

const finished = { streaming: false };
const streaming = { streaming: true };

function texOf(text: string, options = finished) {
  return extractMath(text, options).spans.map((span) => span.tex);
}

describe('extractMath', () => {
  it('finds all four delimiters and marks display math', () => {
    const { spans } = extractMath('$a$ \\(b\\) $$c$$ \\[d\\]', finished);
    expect(spans.map(({ tex, display }) => [tex, display])).toEqual([
      ['a', false],
      ['b', false],
      ['c', true],
      ['d', true],
    ]);
  });

  it('replaces formulas with placeholders so Markdown never sees their content', () => {
    const { markdown } = extractMath('so $a_1 * b_1$ holds', finished);
    expect(markdown).not.toContain('_');
    expect(markdown).not.toContain('*');
    expect(markdown.startsWith('so ')).toBe(true);
    expect(markdown.endsWith(' holds')).toBe(true);
  });

  it('leaves currency amounts as text', () => {
    expect(texOf('It costs $5 and $10.')).toEqual([]);
    expect(texOf('between $ 3 and $ 4')).toEqual([]);
    expect(texOf('It costs $5 while $x$ varies')).toEqual(['x']);
    expect(texOf('$5.00 today, $2.50 tomorrow', streaming)).toEqual([]);
  });

  it('keeps escaped dollars literal', () => {
    const { markdown, spans } = extractMath('pay \\$x\\$ now', finished);
    expect(spans).toEqual([]);
    expect(markdown).toBe('pay \\$x\\$ now');
  });

  it('skips code spans and fenced code', () => {
    expect(texOf('`$a$` and\n```python\nprint("$b$")\n```\n$c$')).toEqual(['c']);
    expect(texOf('``code with ` and $x$`` then $y$')).toEqual(['y']);
  });

  it('lets an escaped dollar sit inside a formula', () => {
    expect(texOf('$\\$5 + x$')).toEqual(['\\$5 + x']);
  });

  it('does not let inline math cross a blank line', () => {
    expect(texOf('$a\n\nb$')).toEqual([]);
  });

  it('marks a formula without its closing delimiter as incomplete only while streaming', () => {
    expect(extractMath('so $$\\frac{1}{', streaming).spans).toEqual([
      { tex: '\\frac{1}{', source: '$$\\frac{1}{', display: true, complete: false },
    ]);
    expect(extractMath('so \\(x^', streaming).spans[0]?.complete).toBe(false);
    expect(extractMath('so $x^', streaming).spans[0]?.complete).toBe(false);
    expect(extractMath('so $$\\frac{1}{', finished).spans).toEqual([]);
  });

  it('takes a bare \\boxed{} with nested braces as math', () => {
    expect(texOf('answer \\boxed{\\frac{1}{2}} done')).toEqual(['\\boxed{\\frac{1}{2}}']);
  });

  it('drops placeholder characters the model might emit', () => {
    const { markdown, spans } = extractMath('\uE0000\uE001 text', finished);
    expect(spans).toEqual([]);
    expect(markdown).toBe('0 text');
  });

  // Sizes at which a scan that restarts at every opener takes from half a minute to many minutes: over the limit.
  describe('stays linear on hostile text', () => {
    const quick = { timeout: 5_000 };

    it('many unclosed \\( and \\[', quick, () => {
      const text = `${'\\('.repeat(40_000)}${'\\['.repeat(40_000)}`;
      const { spans, markdown } = extractMath(text, finished);
      expect(spans).toEqual([]);
      expect(markdown).toBe(text);
      expect(texOf(`${'\\('.repeat(40_000)}x\\)`)).toEqual([`${'\\('.repeat(39_999)}x`]);
    });

    it('many unclosed \\boxed{', quick, () => {
      const text = '\\boxed{'.repeat(20_000);
      expect(extractMath(text, finished).spans).toEqual([]);
      expect(texOf(`${text}1${'}'.repeat(20_000)}`)).toHaveLength(1);
    });

    it('escaped backticks before unmatched runs', quick, () => {
      const text = '\\``'.repeat(40_000);
      expect(extractMath(text, finished).markdown).toBe(text);
    });

    it('backtick runs of thousands of different lengths', quick, () => {
      const text = Array.from({ length: 2_000 }, (_, k) => `${'`'.repeat(k + 1)}$a$`).join('');
      // No run closes another, so every formula between them is found.
      expect(extractMath(text, finished).spans).toHaveLength(2_000);
    });
  });
});

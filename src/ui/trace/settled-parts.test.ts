import { describe, expect, it } from 'vitest';
import { renderProse, renderProseParts } from './render-markdown.ts';
import { splitSettled } from './settled-parts.ts';

describe('splitSettled', () => {
  it('cuts at blank lines before a new top-level paragraph', () => {
    expect(splitSettled('One.\n\nTwo.\n\nThree')).toEqual(['One.\n', 'Two.\n', 'Three']);
  });

  it('keeps fenced code, indented continuations and loose lists whole', () => {
    const fenced = 'Code:\n\n```\na = 1\n\nb = 2\n```\n\nAfter';
    expect(splitSettled(fenced)).toEqual(['Code:\n', '```\na = 1\n\nb = 2\n```\n', 'After']);
    expect(splitSettled('1. a\n\n    still a\n\n2. b')).toEqual(['1. a\n\n    still a\n\n2. b']);
  });
});

describe('renderProseParts', () => {
  const samples = [
    'Given:\n1) \\( -228x + 4128 = -220x \\)\n2) \\( q = x - 512 \\)\n\nFrom (1):\n\\[ x = \\frac{4128}{-228} \\]\n\nLet us compute $x$.',
    'A list:\n\n- one $a_1$\n- two\n\nThen $$\\sum_i i$$ and `code $x$`.\n\n```python\nprint(1)\n\n```\n\nEnd with \\boxed{3}.',
  ];

  it('renders the same HTML as the whole block at once', () => {
    for (const text of samples) {
      for (const streaming of [false, true]) {
        expect(renderProseParts(text, { streaming }).join('')).toBe(
          renderProse(text, { streaming }),
        );
      }
    }
  });

  it('gives a settled paragraph the same string while the tail grows', () => {
    const text = samples[0]!;
    const before = renderProseParts(text, { streaming: true });
    const after = renderProseParts(`${text} Then $y = `, { streaming: true });
    expect(after.slice(0, -1)).toEqual(before.slice(0, -1));
    expect(after.at(-1)).toContain('math-pending');
  });
});

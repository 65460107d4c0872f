import katex from 'katex';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { RecentCache } from './recent-cache.ts';
import { renderProseParts } from './render-markdown.ts';

describe('RecentCache', () => {
  it('drops the least recently used entries past its capacity', () => {
    const cache = new RecentCache<number>(2);
    cache.set('a', 1);
    cache.set('b', 2);
    cache.get('a');
    cache.set('c', 3);
    cache.trim();
    expect([cache.get('a'), cache.get('b'), cache.get('c')]).toEqual([1, undefined, 3]);
  });

  it('keeps as many recent entries as the latest render used, even past its capacity', () => {
    const cache = new RecentCache<number>(2);
    for (let i = 0; i < 5; i++) cache.set(String(i), i);
    cache.trim(4);
    expect(cache.size).toBe(4);
    expect(cache.get('0')).toBeUndefined();
    expect(cache.get('4')).toBe(4);
  });
});

describe('renderProseParts on a long block', () => {
  afterEach(() => vi.restoreAllMocks());

  it('typesets only the open tail again when a block of 600 paragraphs grows', async () => {
    const paragraphs = Array.from({ length: 600 }, (_, k) => `Step ${k}: $x_{${k}} = ${k}$.`);
    const text = paragraphs.join('\n\n');
    const typeset = vi.spyOn(katex, 'renderToString');
    // The formulas arrive over a few slices, as they would over a few frames.
    let first = renderProseParts(text, { streaming: true });
    while (first.some((part) => String(part).includes('math-typesetting'))) {
      await new Promise((resolve) => setTimeout(resolve, 0));
      first = renderProseParts(text, { streaming: true });
    }
    expect(first).toHaveLength(600);
    expect(typeset).toHaveBeenCalledTimes(600);

    typeset.mockClear();
    const next = renderProseParts(`${text} So`, { streaming: true });
    expect(next.slice(0, 599)).toEqual(first.slice(0, 599));
    // The tail's formula comes from the formula cache; no settled paragraph is typeset again.
    expect(typeset).toHaveBeenCalledTimes(0);
  });
});

import katex from 'katex';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { TOO_LARGE_NOTE } from './render-math.ts';
import type { PartHtml } from './render-markdown.ts';
import { FORMULAS_PER_RUN, renderProse, renderProseParts } from './render-markdown.ts';

const nextSlice = () => new Promise((resolve) => setTimeout(resolve, 0));
const holdsBack = (parts: PartHtml[]) =>
  parts.some((part) => JSON.stringify(part).includes('math-typesetting'));

/** Renders as the view would, a slice a frame, until no formula is held back. */
async function renderSettled(text: string, streaming: boolean): Promise<PartHtml[]> {
  let parts = renderProseParts(text, { streaming });
  for (let slices = 0; holdsBack(parts); slices++) {
    if (slices > 200) throw new Error('formulas still held back after 200 slices');
    await nextSlice();
    parts = renderProseParts(text, { streaming });
  }
  return parts;
}

// A page's frames, which slices follow.
beforeEach(() => {
  vi.stubGlobal('requestAnimationFrame', (run: () => void) => setTimeout(run, 16));
});
afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
});

describe('a streamed paragraph of many formulas', () => {
  const paragraph = (n: number, from = 0) =>
    Array.from({ length: n }, (_, k) => `\\(a_{${from + k}}\\) `).join('');

  it('changes only its last run when it grows, and the runs make the same paragraph', async () => {
    const text = paragraph(10 * FORMULAS_PER_RUN + 3);
    const [first] = await renderSettled(text, true);
    if (typeof first !== 'object') throw new Error('expected the paragraph in runs');
    expect(first.paragraph).toHaveLength(11);
    expect(`<p>${first.paragraph.join('')}</p>\n`).toBe(renderProse(text, { streaming: true }));

    const typeset = vi.spyOn(katex, 'renderToString');
    const [next] = await renderSettled(`${text}\\(b\\) and \\(c`, true);
    if (typeof next !== 'object') throw new Error('expected the paragraph in runs');
    // Settled runs keep their very HTML, so React leaves their DOM alone; only the new formula is typeset.
    expect(next.paragraph.slice(0, 10)).toEqual(first.paragraph.slice(0, 10));
    expect(next.paragraph[10]).not.toBe(first.paragraph[10]);
    expect(typeset).toHaveBeenCalledTimes(1);
  });

  it('typesets a paragraph of thousands of formulas in slices, never all in one task', async () => {
    const text = paragraph(1_000, 5_000);
    // Lets the slice an earlier render started end first.
    await new Promise((resolve) => setTimeout(resolve, 50));
    const typeset = vi.spyOn(katex, 'renderToString');
    const firstSlice = renderProseParts(text, { streaming: false });
    expect(holdsBack(firstSlice)).toBe(true);
    expect(typeset.mock.calls.length).toBeGreaterThan(0);
    expect(typeset.mock.calls.length).toBeLessThan(1_000);
    await renderSettled(text, false);
    expect(typeset).toHaveBeenCalledTimes(1_000);
  });
});

describe('a formula over the size budget', () => {
  it('is never typeset on the page; without a worker it shows as source with a note', () => {
    const tex = '\\sqrt{x}'.repeat(2_000);
    const typeset = vi.spyOn(katex, 'renderToString');
    const html = renderProse(`Here: \\(${tex}\\)`, { streaming: false });
    expect(typeset).not.toHaveBeenCalled();
    expect(html).toContain(TOO_LARGE_NOTE);
    expect(html).toContain('\\sqrt{x}\\sqrt{x}');
    expect(html).not.toContain('class="katex"');
  });
});

import { expect, test } from '@playwright/test';
import { solveStatus } from './helpers';

// A saved solution whose formulas are too large for the page's own thread: one typeset in a worker, one that stays
// source with a note, and a paragraph of many formulas, all with MathML for screen readers.
const matrix = (n: number) =>
  `\\[\\begin{pmatrix}${Array.from({ length: n }, (_, r) =>
    Array.from({ length: n }, (_, c) => String(r * n + c)).join(' & '),
  ).join(' \\\\ ')}\\end{pmatrix}\\]`;

const solution = {
  format: 'mathcoder-tutor/solution',
  version: 1,
  problem: 'Large formulas.',
  blocks: [
    { kind: 'text', text: `A 20 by 20 matrix: ${matrix(20)}` },
    { kind: 'text', text: `Roots: \\(${'\\sqrt{x}'.repeat(300)}\\)` },
    { kind: 'text', text: Array.from({ length: 200 }, (_, k) => `\\(a_{${k}}\\)`).join(' ') },
  ],
};

test('large formulas are typeset off the page, or shown as source with a note', async ({
  page,
}) => {
  // The playback streams 7 KB of text at a model's pace, on a loaded machine.
  test.setTimeout(240_000);
  await page.route(
    (url) => url.pathname === '/fixtures/large-formulas.json',
    (route) => route.fulfill({ body: JSON.stringify(solution), contentType: 'application/json' }),
  );
  await page.goto('/?playback=/fixtures/large-formulas.json');
  await expect(page.getByText('Playback of a saved solution')).toBeVisible();
  await page.getByRole('button', { name: 'Solve' }).click();
  await expect(solveStatus(page)).toHaveText('Done.', { timeout: 200_000 });
  const blocks = page.locator('[data-block="text"]');
  await expect(blocks).toHaveCount(3);

  // Over 1,000 characters of TeX: typeset in the worker, inserted with its MathML.
  await expect(blocks.nth(0).locator('.katex-mathml math mtable')).toHaveCount(1, {
    timeout: 30_000,
  });
  await expect(blocks.nth(0).locator('.math-typesetting')).toHaveCount(0);

  // Its HTML would be over 250 KB: source, with the note, never a half-typeset formula.
  await expect(blocks.nth(1).getByText('too large to typeset here')).toBeVisible({
    timeout: 30_000,
  });
  await expect(blocks.nth(1)).toContainText('\\sqrt{x}\\sqrt{x}');
  await expect(blocks.nth(1).locator('.katex')).toHaveCount(0);

  // 200 formulas in one paragraph arrive over a few frames, each with MathML.
  await expect(blocks.nth(2).locator('.katex-mathml math')).toHaveCount(200, { timeout: 30_000 });
  await expect(blocks.nth(2).locator('.math-typesetting')).toHaveCount(0);
});

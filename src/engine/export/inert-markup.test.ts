import { describe, expect, it } from 'vitest';
import { inertMarkdown } from './inert-markup';
import { solutionToNotebook } from './to-notebook';
import { solutionToMarkdown } from './to-markdown';
import type { ExportSolution } from './export-solution';

const hostile: ExportSolution = {
  problem: 'Solve <script>alert(1)</script> now',
  answer: '1$<img src=x onerror=alert(2)>$',
  model: 'Model <b>bold</b>',
  blocks: [
    {
      kind: 'text',
      text: 'See <iframe src="x"></iframe> and [this](javascript:alert(3)). Also x < 5 and 2<3.',
    },
    { kind: 'code', text: 'print("<script>")' },
  ],
};

describe('inertMarkdown', () => {
  it('writes tag-like < as &lt; and keeps comparisons and LaTeX', () => {
    expect(inertMarkdown('<script>x</script>')).toBe('&lt;script>x&lt;/script>');
    expect(inertMarkdown('<!-- c --><?php')).toBe('&lt;!-- c -->&lt;?php');
    expect(inertMarkdown('x < 5, 2<3, \\(a \\le b\\)')).toBe('x < 5, 2<3, \\(a \\le b\\)');
  });

  it('defuses script links', () => {
    expect(inertMarkdown('[a]( JavaScript:alert(1)) [b](data:text/html,x)')).toBe(
      '[a](#blocked:alert(1)) [b](#blocked:text/html,x)',
    );
    expect(inertMarkdown('[ok](https://example.org)')).toBe('[ok](https://example.org)');
  });
});

describe('exports of a hostile solution', () => {
  const tags = /<(script|img|iframe|b)\b/i;

  it('Markdown carries no tag and no script link in prose, problem, answer or model name', () => {
    const md = solutionToMarkdown(hostile);
    const outsideCode = md.replace(/```[\s\S]*?```/g, '');
    expect(outsideCode).not.toMatch(tags);
    expect(outsideCode).not.toMatch(/javascript:/i);
    expect(md).toContain('x < 5 and 2<3');
    expect(md).toContain('print("<script>")');
  });

  it('the notebook’s Markdown cells carry no tag; code stays as written', () => {
    const notebook = solutionToNotebook(hostile);
    for (const cell of notebook.cells) {
      const source = cell.source.join('');
      if (cell.cell_type === 'markdown') expect(source).not.toMatch(tags);
      else expect(source).toBe('print("<script>")');
    }
  });
});

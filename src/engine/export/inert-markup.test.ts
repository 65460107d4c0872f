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
    {
      kind: 'text',
      text: 'A [link][one] and ![a chart](https://tracker.example/beacon.png).\n\n[one]: javascript:alert(4)\n[two]: data:text/html,x',
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
    expect(inertMarkdown('[c](javascript&#58;alert(1)) [d](<data&colon;x>)')).toBe(
      '[c](#blocked:alert(1)) [d](<#blocked:x>)',
    );
  });

  it('defuses reference definitions, on their line or the next, in quotes and lists too', () => {
    const text = [
      'See [one] and [two][] and [three].',
      '',
      '[one]: javascript:alert(1)',
      '   [Two]:  <DATA:text/html;base64,PHNjcmlwdD4=>',
      '> [three]:',
      '>   vbscript:msgbox',
      '- [four]: javascript&#x3A;alert(4)',
      '[ok]: https://example.org "fine"',
    ].join('\n');
    expect(inertMarkdown(text).split('\n').slice(2)).toEqual([
      '[one]: #blocked:alert(1)',
      '   [Two]:  <#blocked:text/html;base64,PHNjcmlwdD4=>',
      '> [three]:',
      '>   #blocked:msgbox',
      '- [four]: #blocked:alert(4)',
      '[ok]: https://example.org "fine"',
    ]);
  });

  it('turns images into links with their alt text, whatever form they take', () => {
    expect(inertMarkdown('![a plot](https://tracker.example/p.png "t")')).toBe(
      '[a plot](https://tracker.example/p.png "t")',
    );
    expect(inertMarkdown('![the [x] axis][fig] ![fig][]')).toBe('[the [x] axis][fig] [fig][]');
    // Alone, `![fig]` is an image only where `[fig]` is defined; either way it fetches nothing now.
    expect(inertMarkdown('![fig]\n\n[fig]: https://tracker.example/p.png')).toBe(
      '&#33;[fig]\n\n[fig]: https://tracker.example/p.png',
    );
    // Not images: an escaped `!`, and a factorial before a bracket keeps showing its `!`.
    expect(inertMarkdown('\\![kept](u) 5! [x]')).toBe('\\![kept](u) 5! [x]');
  });
});

describe('exports of a hostile solution', () => {
  const tags = /<(script|img|iframe|b)\b/i;

  it('Markdown carries no tag and no script link in prose, problem, answer or model name', () => {
    const md = solutionToMarkdown(hostile);
    const outsideCode = md.replace(/```[\s\S]*?```/g, '');
    expect(outsideCode).not.toMatch(tags);
    expect(outsideCode).not.toMatch(/javascript:|data:/i);
    expect(outsideCode).not.toMatch(/!\[/);
    expect(md).toContain('[a chart](https://tracker.example/beacon.png)');
    expect(md).toContain('x < 5 and 2<3');
    expect(md).toContain('print("<script>")');
  });

  it('the notebook’s Markdown cells carry no tag, script link or image; code stays as written', () => {
    const notebook = solutionToNotebook(hostile);
    for (const cell of notebook.cells) {
      const source = cell.source.join('');
      if (cell.cell_type === 'markdown') {
        expect(source).not.toMatch(tags);
        expect(source).not.toMatch(/javascript:|data:|!\[/i);
      } else expect(source).toBe('print("<script>")');
    }
  });
});

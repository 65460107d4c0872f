// @vitest-environment jsdom
import katex from 'katex';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { renderAnswer, renderProse } from './render-markdown.ts';

function parse(html: string): HTMLElement {
  const root = document.createElement('div');
  root.innerHTML = html;
  return root;
}

const prose = (text: string, streaming = false) => parse(renderProse(text, { streaming }));

describe('renderProse math', () => {
  it.each([
    ['$x^2$', false],
    ['\\(x^2\\)', false],
    ['$$x^2$$', true],
    ['\\[x^2\\]', true],
  ])('typesets %s with KaTeX and MathML', (formula, display) => {
    const root = prose(`We have ${formula} here.`);
    expect(root.querySelectorAll('.katex')).toHaveLength(1);
    expect(root.querySelector('.katex-mathml math')).not.toBeNull();
    expect(root.querySelector('.katex-display') !== null).toBe(display);
    expect(root.textContent).toContain('We have');
    expect(root.textContent).not.toContain(formula);
  });

  it('renders \\boxed{} inside and outside delimiters', () => {
    const root = prose('So $\\boxed{42}$, i.e. \\boxed{42}.');
    expect(root.querySelectorAll('.katex .fbox')).toHaveLength(2);
    for (const math of root.querySelectorAll('.katex')) math.remove();
    expect(root.textContent?.trim()).toBe('So , i.e. .');
  });

  it('keeps underscores and stars inside math away from emphasis', () => {
    const root = prose('$a_1 + b_1$ and $x * y * z$ but *this* is emphasis');
    expect(root.querySelectorAll('em')).toHaveLength(1);
    expect(root.querySelector('em')?.textContent).toBe('this');
    expect(root.querySelectorAll('.katex')).toHaveLength(2);
  });

  it('keeps a multi-line display formula out of Markdown lists', () => {
    const root = prose('$$\n\\begin{aligned}\n- a &= b \\\\\n+ c &= d\n\\end{aligned}\n$$');
    expect(root.querySelector('ul')).toBeNull();
    expect(root.querySelector('.katex-display')).not.toBeNull();
  });

  it('leaves currency and escaped dollars as text', () => {
    const root = prose('It costs $5 and $10. Pay \\$x\\$.');
    expect(root.querySelector('.katex')).toBeNull();
    expect(root.textContent?.trim()).toBe('It costs $5 and $10. Pay $x$.');
  });

  it('does not render math inside code', () => {
    const root = prose('`$x$`\n\n```\n$y$\n```');
    expect(root.querySelector('.katex')).toBeNull();
    expect(root.querySelector('code')?.textContent).toBe('$x$');
  });

  it('shows an unfinished formula as muted source while streaming, never as a KaTeX error', () => {
    for (const text of ['Then $$\\frac{1}{', 'Then \\[\\sum_{i=1}', 'Then \\(x^{', 'Then $x^{2']) {
      const root = prose(text, true);
      expect(root.querySelector('.katex-error')).toBeNull();
      expect(root.querySelector('.katex')).toBeNull();
      const pending = root.querySelector('.math-pending');
      expect(pending?.textContent).toBe(text.slice('Then '.length));
    }
  });

  it('shows an invalid complete formula as its source, not a red error', () => {
    const root = prose('Bad $\\frac{1}{$ here and $$\\begin{x}$$');
    expect(root.querySelector('.katex-error')).toBeNull();
    expect(root.querySelector('[style*="color"]')).toBeNull();
    expect([...root.querySelectorAll('.math-source')].map((node) => node.textContent)).toEqual([
      '$\\frac{1}{$',
      '$$\\begin{x}$$',
    ]);
  });

  it('caches KaTeX output per formula', () => {
    const spy = vi.spyOn(katex, 'renderToString');
    const text = 'Growing $\\sqrt{1234567}$ block';
    renderProse(text, { streaming: true });
    renderProse(`${text} with more`, { streaming: true });
    renderProse(`${text} with more words`, { streaming: false });
    expect(spy.mock.calls.filter(([tex]) => tex === '\\sqrt{1234567}')).toHaveLength(1);
  });

  afterEach(() => {
    vi.restoreAllMocks();
  });
});

describe('renderProse safety', () => {
  const attacks = [
    '<script>window.pwned = 1</script>',
    '<img src=x onerror="window.pwned = 1">',
    '<iframe src="https://example.com"></iframe>',
    '<style>body { display: none }</style>',
    '<a href="https://example.com" onclick="x()">raw</a>',
    '[click](javascript:alert(1))',
    '[click](JaVaScRiPt:alert(1))',
    '[click](java&#115;cript:alert(1))',
    '[click]( javascript:alert(1) )',
    '[data](data:text/html,<script>alert(1)</script>)',
    '<javascript:alert(1)>',
    '![pic](https://example.com/track.png)',
    '[ref]\n\n[ref]: javascript:alert(1)',
    '[title](https://example.com "$x\\" onmouseover=\\"alert(1)$")',
    '$\\href{javascript:alert(1)}{x}$',
    '$\\url{javascript:alert(1)}$',
    '$\\includegraphics{https://example.com/x.png}$',
    '$\\htmlClass{x}{y}\\htmlStyle{color:red}{z}\\htmlData{a=b}{c}$',
    '$\\frac{<img src=x onerror=alert(1)>$',
    '$$<script>alert(1)</script>',
  ];

  it.each(attacks)('never turns %j into active markup', (attack) => {
    for (const streaming of [false, true]) {
      const root = prose(`before ${attack} after`, streaming);
      expect(
        root.querySelector('script, iframe, img, style, object, embed, form, input'),
      ).toBeNull();
      for (const element of root.querySelectorAll('*')) {
        for (const { name, value } of element.attributes) {
          expect(name.startsWith('on')).toBe(false);
          if (name === 'href' || name === 'src') expect(value).toMatch(/^https?:\/\//);
        }
      }
    }
  });

  it('opens safe links in a new tab without referrer or opener', () => {
    const root = prose('[docs](https://example.com/a) and https://example.org');
    const links = [...root.querySelectorAll('a')];
    expect(links.map((link) => link.getAttribute('href'))).toEqual([
      'https://example.com/a',
      'https://example.org',
    ]);
    for (const link of links) {
      expect(link.getAttribute('target')).toBe('_blank');
      expect(link.getAttribute('rel')?.split(' ').sort()).toEqual([
        'nofollow',
        'noopener',
        'noreferrer',
      ]);
    }
  });

  it('shows a rejected link as plain text', () => {
    const root = prose('[click](javascript:alert(1))');
    expect(root.querySelector('a')).toBeNull();
    expect(root.textContent).toContain('[click](javascript:alert(1))');
  });
});

describe('renderAnswer', () => {
  it('typesets a TeX answer', () => {
    const root = parse(renderAnswer('\\frac{3}{4}'));
    expect(root.querySelector('.katex .mfrac')).not.toBeNull();
  });

  it('keeps a worded answer readable as text', () => {
    const root = parse(renderAnswer('x = 3 or x = -3'));
    expect(root.querySelector('.katex')).toBeNull();
    expect(root.textContent).toBe('x = 3 or x = -3');
  });

  it('renders an answer with its own delimiters as prose', () => {
    const root = parse(renderAnswer('$x = 2$ and $y = 3$'));
    expect(root.querySelectorAll('.katex')).toHaveLength(2);
  });
});

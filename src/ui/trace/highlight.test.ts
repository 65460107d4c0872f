import { describe, expect, it } from 'vitest';
import { highlightPython } from './highlight.ts';

describe('highlightPython', () => {
  it('marks Python tokens', () => {
    const html = highlightPython('def f(x):\n    return x + 1  # one\n');
    expect(html).toContain('<span class="hljs-keyword">def</span>');
    expect(html).toContain('<span class="hljs-comment"># one</span>');
  });

  it('escapes markup in code', () => {
    const html = highlightPython(
      's = "<script>alert(1)</script>" if a < b else \'<img onerror=x>\'',
    );
    expect(html).not.toMatch(/<script|<img/);
    expect(html).toContain('&lt;script&gt;');
  });
});

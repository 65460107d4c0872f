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

describe('direction controls in code', () => {
  // The classic "Trojan Source" line: displayed, the return looks commented out; Python runs it.
  const trojan = 'access = "user\u202E \u2066# admin\u2069 \u2066"\nreturn True';

  it('shows each control as a visible mark, so the display keeps the order Python reads', () => {
    const html = highlightPython(trojan);
    expect(html).not.toMatch(/[\u202A-\u202E\u2066-\u2069]/);
    expect(html).toContain('⟨U+202E⟩');
    expect(html.match(/class="bidi-mark"/g)).toHaveLength(4);
    expect(html).toContain('title="right-to-left override (U+202E)"');
  });

  it('leaves code without controls as the highlighter wrote it', () => {
    expect(highlightPython('x = "مرحبا"  # Arabic text is fine')).not.toContain('bidi-mark');
  });
});

import hljs from 'highlight.js/lib/core';
import python from 'highlight.js/lib/languages/python';
import { showBidiControls } from './bidi-controls.ts';
import { escapeHtml } from './escape-html.ts';

// Core plus one language keeps the bundle to a few tens of kilobytes.
hljs.registerLanguage('python', python);

/** Escaped HTML with highlight.js token spans for Python source; direction controls are shown as marks. */
export function highlightPython(code: string): string {
  let html: string;
  try {
    html = hljs.highlight(code, { language: 'python', ignoreIllegals: true }).value;
  } catch {
    html = escapeHtml(code);
  }
  return showBidiControls(html);
}

import hljs from 'highlight.js/lib/core';
import python from 'highlight.js/lib/languages/python';
import { escapeHtml } from './escape-html.ts';

// Core plus one language keeps the bundle to a few tens of kilobytes.
hljs.registerLanguage('python', python);

/** Escaped HTML with highlight.js token spans for Python source. */
export function highlightPython(code: string): string {
  try {
    return hljs.highlight(code, { language: 'python', ignoreIllegals: true }).value;
  } catch {
    return escapeHtml(code);
  }
}

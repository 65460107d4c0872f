// Loaded on first use: KaTeX and markdown-it are most of the page's JavaScript, and the first paint needs neither
// (KaTeX's stylesheet comes with the trace view).

export { renderAnswer, renderProse, renderProseParts } from './render-markdown.ts';

// Loaded on first use: KaTeX and markdown-it are most of the page's JavaScript, and the first paint needs neither.
import 'katex/dist/katex.min.css';

export { renderAnswer, renderProse, renderProseParts } from './render-markdown.ts';

import katex from 'katex';

/** KaTeX HTML+MathML for one formula, or null when it is invalid; the same on the page and in the typeset worker. */
export function typesetTex(tex: string, display: boolean): string | null {
  try {
    // throwOnError lets us show the source uncoloured instead of KaTeX's red error span.
    return katex.renderToString(tex, {
      displayMode: display,
      output: 'htmlAndMathml',
      throwOnError: true,
      // Keeps \href, \url and \htmlClass out: the HTML is inserted as is, from the worker too.
      trust: false,
      strict: 'ignore',
      maxSize: 20,
      maxExpand: 1000,
    });
  } catch {
    return null;
  }
}

// Exported prose is model-written and untrusted: a Markdown or notebook viewer that renders raw HTML (nbconvert does) must
// see text, not tags, and no link may run script.

const TAG_START = /<(?=[A-Za-z/!?])/g;
const SCRIPT_LINK = /\]\(\s*(?:javascript|vbscript|data):/gi;

/** Markdown text with every tag-like `<` written as `&lt;` and script links defused; `x < 5` and LaTeX are left as they are. */
export function inertMarkdown(text: string): string {
  return text.replace(TAG_START, '&lt;').replace(SCRIPT_LINK, '](#blocked:');
}

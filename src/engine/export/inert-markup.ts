// Exported prose is model-written and untrusted: a Markdown or notebook viewer that renders raw HTML (nbconvert does) must
// see text, not tags, no link may run script, and no image may be fetched from elsewhere (a beacon to the author).

const TAG_START = /<(?=[A-Za-z/!?])/g;
// A script scheme, its colon written plainly or as a character reference (which Markdown decodes in link targets).
const SCRIPT_SCHEME = String.raw`(?:javascript|vbscript|data)(?::|&#0*58;?|&#x0*3a;?|&colon;)`;
// An inline link's target: `[text](javascript:…)`, also in pointy brackets.
const SCRIPT_LINK = new RegExp(String.raw`\]\(\s*(<?)\s*${SCRIPT_SCHEME}`, 'gi');
// A reference definition's target, on its line or the next, also inside a quote or a list item: `[one]: javascript:…`.
const SCRIPT_DEFINITION = new RegExp(
  String.raw`^([ \t>*+\-\d.)]*\[[^\]\n]*\]:[ \t]*(?:\n[ \t>]*)?<?[ \t]*)${SCRIPT_SCHEME}`,
  'gim',
);
// Alt text: anything but brackets, or one level of brackets inside; bounded, so a run of `![` stays linear.
const ALT = String.raw`(?:[^\[\]\\]|\\.|\[[^\[\]]{0,200}\]){0,500}`;
// An image written inline or by reference, `![alt](url)` or `![alt][ref]`: the same link without the `!`.
const IMAGE = new RegExp(String.raw`(?<!\\)!(\[${ALT}\])(?=[(\[])`, 'g');
// `![label]` alone is an image only where `[label]` is defined, perhaps in another block: its `!` becomes a
// character reference, which shows as `!` but is not Markdown syntax.
const SHORTCUT_IMAGE = new RegExp(String.raw`(?<!\\)!(?=\[${ALT}\])`, 'g');

/**
 * Markdown text with every tag-like `<` written as `&lt;`, script links defused (inline and reference definitions) and
 * images turned into links with their alt text; `x < 5` and LaTeX are left as they are.
 */
export function inertMarkdown(text: string): string {
  return text
    .replace(SCRIPT_LINK, ']($1#blocked:')
    .replace(SCRIPT_DEFINITION, '$1#blocked:')
    .replace(TAG_START, '&lt;')
    .replace(IMAGE, '$1')
    .replace(SHORTCUT_IMAGE, '&#33;');
}

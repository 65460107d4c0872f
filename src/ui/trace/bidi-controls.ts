// "Trojan Source": text-direction controls make code display in another order than Python reads it.
const BIDI_CONTROLS = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/g;
const NAMES: Record<string, string> = {
  '\u061C': 'Arabic letter mark',
  '\u200E': 'left-to-right mark',
  '\u200F': 'right-to-left mark',
  '\u202A': 'left-to-right embedding',
  '\u202B': 'right-to-left embedding',
  '\u202C': 'pop directional formatting',
  '\u202D': 'left-to-right override',
  '\u202E': 'right-to-left override',
  '\u2066': 'left-to-right isolate',
  '\u2067': 'right-to-left isolate',
  '\u2068': 'first strong isolate',
  '\u2069': 'pop directional isolate',
};

/** Whether the text holds a character that changes the order in which the rest is displayed. */
export function hasBidiControls(text: string): boolean {
  return text.search(BIDI_CONTROLS) !== -1;
}

const codePoint = (char: string) =>
  `U+${char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;

/**
 * Replaces each direction control in escaped HTML by a visible mark, so the code displays in the order it runs.
 * Safe on highlighter output: the controls only ever occur in text there, never inside a tag.
 */
export function showBidiControls(html: string): string {
  return html.replace(BIDI_CONTROLS, (char) => {
    const point = codePoint(char);
    return `<span class="bidi-mark" title="${NAMES[char]} (${point})">⟨${point}⟩</span>`;
  });
}

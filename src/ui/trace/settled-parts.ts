// Cuts prose into parts that Markdown renders the same apart as together, so finished paragraphs render once.

const FENCE = /^[ \t]*(`{3,}|~{3,})/;
const LIST_ITEM = /^(?:[-*+]|\d{1,9}[.)])(?:[ \t]|$)/;

/**
 * Splits at blank lines outside fenced code, before a line that starts at the margin and is not a list item:
 * there a new top-level block begins whatever came before, so every part but the last is settled.
 */
export function splitSettled(markdown: string): string[] {
  const lines = markdown.split('\n');
  const parts: string[] = [];
  let start = 0;
  let fence: string | null = null;
  let afterBlank = false;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const marker = FENCE.exec(line)?.[1];
    if (fence !== null) {
      const closing = line.trim();
      if (closing.length >= fence.length && closing === fence[0]!.repeat(closing.length)) {
        fence = null;
      }
      continue;
    }
    if (line.trim() === '') {
      afterBlank = true;
      continue;
    }
    if (afterBlank && i > start && !/^\s/.test(line) && !LIST_ITEM.test(line)) {
      parts.push(lines.slice(start, i).join('\n'));
      start = i;
    }
    afterBlank = false;
    if (marker) fence = marker;
  }
  parts.push(lines.slice(start).join('\n'));
  return parts;
}

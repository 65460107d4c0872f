// Finds formulas before Markdown parsing, so `_` and `*` inside them never become emphasis.

export interface MathSpan {
  /** The TeX between the delimiters. */
  tex: string;
  /** The formula as the model wrote it, delimiters included. */
  source: string;
  display: boolean;
  /** False while streaming and the closing delimiter has not arrived yet. */
  complete: boolean;
}

export interface ExtractedMath {
  /** The text with each formula replaced by a placeholder. */
  markdown: string;
  spans: MathSpan[];
}

export const PLACEHOLDER_OPEN = '\uE000';
export const PLACEHOLDER_CLOSE = '\uE001';
export const PLACEHOLDER_PATTERN = /\uE000(\d+)\uE001/g;

const FENCE = /^[ \t]*(`{3,}|~{3,})/;

export function extractMath(input: string, options: { streaming: boolean }): ExtractedMath {
  // Model text must not be able to forge placeholders.
  const text = input.replace(/\r\n?/g, '\n').replace(/[\uE000\uE001]/g, '');
  const spans: MathSpan[] = [];
  // Each scan below answers from one pass over the text, so a block of thousands of unclosed openers stays linear.
  const findCloser = closerFinder(text);
  const findBraceEnd = braceMatcher(text);
  const skipCodeSpan = codeSpanSkipper(text);
  let markdown = '';
  let i = 0;
  // Text outside formulas is copied in runs, not a character at a time: this runs on every frame of a stream.
  let copied = 0;

  const take = (end: number, span: Omit<MathSpan, 'source'>) => {
    spans.push({ ...span, source: text.slice(i, end) });
    markdown += `${text.slice(copied, i)}${PLACEHOLDER_OPEN}${spans.length - 1}${PLACEHOLDER_CLOSE}`;
    i = end;
    copied = end;
  };

  while (i < text.length) {
    const char = text[i];

    if (i === 0 || text[i - 1] === '\n') {
      const fenceEnd = skipFence(text, i);
      if (fenceEnd > i) {
        i = fenceEnd;
        continue;
      }
    }

    if (char === '`') {
      i = skipCodeSpan(i);
      continue;
    }

    if (char === '\\') {
      const next = text[i + 1];
      if (next === '(' || next === '[') {
        const closer = next === '(' ? '\\)' : '\\]';
        const display = next === '[';
        const close = findCloser(i + 2, closer);
        if (close >= 0) {
          take(close + 2, { tex: text.slice(i + 2, close), display, complete: true });
          continue;
        }
        if (options.streaming) {
          take(text.length, { tex: text.slice(i + 2), display, complete: false });
          continue;
        }
      }
      if (text.startsWith('boxed{', i + 1)) {
        // Models often write the final \boxed{…} without delimiters.
        const close = findBraceEnd(i + 6);
        if (close >= 0) {
          take(close + 1, { tex: text.slice(i, close + 1), display: false, complete: true });
          continue;
        }
        if (options.streaming) {
          take(text.length, { tex: text.slice(i), display: false, complete: false });
          continue;
        }
      }
      // Keeps `\$`, `\\` and other escapes for Markdown to resolve.
      i += 2;
      continue;
    }

    if (char === '$') {
      if (text[i + 1] === '$') {
        const close = findCloser(i + 2, '$$');
        if (close >= 0) {
          take(close + 2, { tex: text.slice(i + 2, close), display: true, complete: true });
          continue;
        }
        if (options.streaming) {
          take(text.length, { tex: text.slice(i + 2), display: true, complete: false });
          continue;
        }
        i += 2;
        continue;
      }
      const inline = scanInlineDollar(text, i);
      if (inline.kind === 'closed') {
        take(inline.close + 1, {
          tex: text.slice(i + 1, inline.close),
          display: false,
          complete: true,
        });
        continue;
      }
      if (inline.kind === 'open' && options.streaming) {
        take(text.length, { tex: text.slice(i + 1), display: false, complete: false });
        continue;
      }
    }

    i += 1;
  }

  return { markdown: markdown + text.slice(copied), spans };
}

function skipFence(text: string, start: number): number {
  const lineEnd = endOfLine(text, start);
  const match = FENCE.exec(text.slice(start, lineEnd));
  const marker = match?.[1];
  if (!marker) return start;
  let line = lineEnd + 1;
  while (line < text.length) {
    const end = endOfLine(text, line);
    const candidate = text.slice(line, end).trim();
    if (
      candidate.length >= marker.length &&
      candidate === (marker[0] ?? '').repeat(candidate.length)
    ) {
      return Math.min(end + 1, text.length);
    }
    line = end + 1;
  }
  return text.length;
}

function endOfLine(text: string, from: number): number {
  const end = text.indexOf('\n', from);
  return end < 0 ? text.length : end;
}

/** Skips a code span: an opening backtick run ends at the next run of exactly its length, or is literal text. */
function codeSpanSkipper(text: string): (start: number) => number {
  let runsByLength: Map<number, number[]> | null = null;
  return (start) => {
    const length = runLength(text, start, '`');
    runsByLength ??= backtickRuns(text);
    // The first run of the same length past this one (the list is in text order).
    const runs = runsByLength.get(length) ?? [];
    let low = 0;
    let high = runs.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (runs[middle]! < start + length) low = middle + 1;
      else high = middle;
    }
    // An unmatched backtick run is literal text, like in CommonMark.
    return low < runs.length ? runs[low]! + length : start + length;
  };
}

/** Where each maximal run of backticks starts, by its length. */
function backtickRuns(text: string): Map<number, number[]> {
  const runs = new Map<number, number[]>();
  for (let found = text.indexOf('`'); found >= 0;) {
    const length = runLength(text, found, '`');
    const list = runs.get(length);
    if (list) list.push(found);
    else runs.set(length, [found]);
    found = text.indexOf('`', found + length);
  }
  return runs;
}

function runLength(text: string, start: number, char: string): number {
  let end = start;
  while (text[end] === char) end += 1;
  return end - start;
}

/**
 * Finds the first `closer` at or after a position, skipping escaped characters in pairs. The answer for every
 * position comes from one backward pass per closer, made on first use.
 */
function closerFinder(text: string): (from: number, closer: string) => number {
  const tables = new Map<string, Int32Array>();
  return (from, closer) => {
    let table = tables.get(closer);
    if (!table) {
      table = new Int32Array(text.length + 2).fill(-1);
      for (let p = text.length - 1; p >= 0; p -= 1) {
        if (text.startsWith(closer, p)) table[p] = p;
        else table[p] = table[text[p] === '\\' ? p + 2 : p + 1]!;
      }
      tables.set(closer, table);
    }
    return from < text.length ? table[from]! : -1;
  };
}

/**
 * The `}` that closes the `{` at a position, or -1 when a blank line or the end comes first. One pass from the first
 * brace asked about matches every brace after it; a brace that pass stepped over as escaped gets a pass of its own.
 */
function braceMatcher(text: string): (open: number) => number {
  let matches = new Map<number, number>();
  return (open) => {
    const known = matches.get(open);
    if (known !== undefined) return known;
    matches = matchBraces(text, open);
    return matches.get(open) ?? -1;
  };
}

function matchBraces(text: string, from: number): Map<number, number> {
  const matches = new Map<number, number>();
  const open: number[] = [];
  const unmatched = () => {
    for (const brace of open) matches.set(brace, -1);
    open.length = 0;
  };
  for (let j = from; j < text.length; j += 1) {
    const char = text[j];
    if (char === '\\') j += 1;
    else if (char === '{') open.push(j);
    else if (char === '}') {
      const brace = open.pop();
      if (brace !== undefined) matches.set(brace, j);
    } else if (char === '\n' && text[j + 1] === '\n') unmatched();
  }
  unmatched();
  return matches;
}

type InlineScan = { kind: 'closed'; close: number } | { kind: 'open' } | { kind: 'none' };

// Pandoc's rule tells "$5 and $10" from math: no space inside the delimiters, no digit after the closer.
function scanInlineDollar(text: string, start: number): InlineScan {
  const first = text[start + 1];
  if (first === undefined || /\s/.test(first)) return { kind: 'none' };
  for (let j = start + 1; j < text.length; j += 1) {
    const char = text[j];
    if (char === '\\') {
      j += 1;
      continue;
    }
    if (char === '\n' && /^\n[ \t]*\n/.test(text.slice(j, j + 64))) return { kind: 'none' };
    if (char !== '$' || j === start + 1) continue;
    const before = text[j - 1] ?? '';
    const after = text[j + 1] ?? '';
    if (!/\s/.test(before) && !/\d/.test(after)) return { kind: 'closed', close: j };
    // A formula never holds a bare `$`, so "$5 while $x$" keeps $5 as text and leaves $x$ to the next scan.
    return { kind: 'none' };
  }
  return /\d/.test(first) ? { kind: 'none' } : { kind: 'open' };
}

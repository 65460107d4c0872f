/** An inclusive byte span of a file, as a `Range: bytes=start-end` header names it. */
export interface ByteSpan {
  start: number;
  end: number;
}

/**
 * Reads a `Range` header against a file of `size` bytes: `null` means serve the whole file (no header, or one this
 * stand-in ignores as RFC 9110 allows: malformed or several ranges), `'unsatisfiable'` means answer 416.
 */
export function parseByteRange(
  header: string | undefined,
  size: number,
): ByteSpan | 'unsatisfiable' | null {
  const match = /^bytes=(\d*)-(\d*)$/.exec(header?.trim() ?? '');
  if (!match) return null;
  const [, first = '', last = ''] = match;
  if (first === '' && last === '') return null;
  if (first === '') {
    // A suffix range: the last n bytes, or the whole file when it is shorter than n.
    const length = Number(last);
    if (length === 0 || size === 0) return 'unsatisfiable';
    return { start: Math.max(0, size - length), end: size - 1 };
  }
  const start = Number(first);
  const end = last === '' ? size - 1 : Math.min(Number(last), size - 1);
  if (start >= size) return 'unsatisfiable';
  if (end < start) return null;
  return { start, end };
}

/** Where a request's bytes begin, for failure rules scoped to a byte offset: 0 when it asks for the whole file. */
export function rangeStart(header: string | undefined, size: number): number {
  const span = parseByteRange(header, size);
  return span && span !== 'unsatisfiable' ? span.start : 0;
}

// Reading recorded MathCoder traces and comparing the sandbox's outputs with what Jupyter printed.

export interface RecordedProblem {
  id: string;
  cells: string[];
  /** What Jupyter printed for each cell; null where the trace recorded no execution. */
  expected: Array<string | null>;
}

export interface OurOutput {
  text: string;
  error: boolean;
  timedOut: boolean;
}

interface Block {
  type?: string;
  role?: string;
  content: string;
}

/** The code cells of each recorded problem, in order, with the execution recorded after each. */
export function readTraces(text: string, name: string): RecordedProblem[] {
  const problems: RecordedProblem[] = [];
  text
    .split('\n')
    .filter((line) => line.trim())
    .forEach((line, index) => {
      const trace = JSON.parse(line) as { id?: string | number; debug_result: Block[] };
      const cells: string[] = [];
      const expected: Array<string | null> = [];
      for (const block of trace.debug_result) {
        const kind = block.type ?? block.role;
        if (kind === 'code') {
          cells.push(block.content);
          expected.push(null);
        } else if (kind === 'execution' && cells.length) {
          expected[cells.length - 1] = block.content;
        }
      }
      if (cells.length) problems.push({ id: `${name}:${trace.id ?? index}`, cells, expected });
    });
  return problems;
}

// The recording went through a partial ANSI strip and MathCoder's .strip(); empty became <empty_execution>.
// eslint-disable-next-line no-control-regex -- ANSI colour codes are exactly what must go
const ansi = /\x1b\[[0-9;]*[A-Za-z]|\[(?:\d+;)*\d+m/g;
export const normalise = (text: string) =>
  text.replace(ansi, '').replace(/\s+/g, ' ').trim() || '<empty_execution>';
const cleanLines = (text: string) => text.replace(ansi, '').trim();
export const isErrorText = (text: string) =>
  text.includes('Traceback (most recent call last)') ||
  /^\s*Cell In\[\d+\], line \d+\n/.test(text) ||
  /^\s*File "?<?[^\n]*line \d+/.test(text);
/** The final exception line, e.g. "NameError: name 'x' is not defined", with install paths made neutral. */
export const lastLine = (text: string) =>
  cleanLines(text)
    .split('\n')
    .at(-1)!
    .trim()
    .replace(/\/\S*\/site-packages\//g, '<site-packages>/');
const exceptionType = (line: string) => /^([A-Za-z_][\w.]*)(?::|$)/.exec(line)?.[1] ?? '';

/** null when the outputs match; else the class of the mismatch. `missing`: a module an earlier cell lacked. */
export function classify(recorded: string, ours: OurOutput, missing?: string): string | null {
  const wantError = isErrorText(cleanLines(recorded));
  if (ours.timedOut) return wantError ? 'timeout (Jupyter: error)' : 'timeout (Jupyter: value)';
  if (wantError) {
    const want = lastLine(recorded);
    const got = lastLine(ours.text);
    if (ours.error && want === got) return null;
    if (!ours.error) return 'value where Jupyter raised';
    if (missing && !got.startsWith('ModuleNotFoundError')) return `after missing module ${missing}`;
    const module = /^ModuleNotFoundError: No module named '([^'.]+)/.exec(got)?.[1];
    if (module && !want.startsWith('ModuleNotFoundError')) return `missing module ${module}`;
    if (exceptionType(want) === exceptionType(got))
      return `same exception, other message (${exceptionType(want) || 'unknown'})`;
    return `other exception (${exceptionType(want) || '?'} → ${exceptionType(got) || '?'})`;
  }
  const want = normalise(recorded);
  const got = normalise(ours.text);
  if (!ours.error && want === got) return null;
  if (ours.error) {
    const module = /^ModuleNotFoundError: No module named '([^'.]+)/.exec(lastLine(ours.text))?.[1];
    if (module) return `missing module ${module}`;
    if (missing) return `after missing module ${missing}`;
    return `error where Jupyter printed (${exceptionType(lastLine(ours.text)) || '?'})`;
  }
  const sorted = (s: string) => [...s.replace(/\s/g, '')].sort().join('');
  if (sorted(want) === sorted(got)) return 'same characters, other order';
  const numbers = (s: string) => s.match(/-?\d+\.\d+(?:e[-+]?\d+)?/g) ?? [];
  const skeleton = (s: string) => s.replace(/-?\d+\.\d+(?:e[-+]?\d+)?/g, '#');
  const [a, b] = [numbers(want), numbers(got)];
  if (a.length && a.length === b.length && skeleton(want) === skeleton(got)) {
    const close = a.every((x, i) => {
      const [p, q] = [Number(x), Number(b[i])];
      return Math.abs(p - q) <= 1e-6 * Math.max(1, Math.abs(p));
    });
    if (close) return 'float digits';
  }
  if (/\bwarn/i.test(got) && !/\bwarn/i.test(want)) return 'warning text';
  return 'other value';
}

// How many cells print what the recorded Jupyter kernel printed: values exactly, errors by their last line.
// Usage: npx tsx scripts/eval/compare-cells.ts cells.jsonl outputs.jsonl [--show N] [--min PERCENT]
import { readFileSync } from 'node:fs';

const [cellsFile, outputsFile] = process.argv.slice(2);
const showIndex = process.argv.indexOf('--show');
const show = showIndex > 0 ? Number(process.argv[showIndex + 1]) : 0;
const minIndex = process.argv.indexOf('--min');
const minPercent = minIndex > 0 ? Number(process.argv[minIndex + 1]) : 0;
if (!cellsFile || !outputsFile)
  throw new Error('usage: compare-cells.ts cells.jsonl outputs.jsonl [--show N]');

const readLines = <T>(file: string) =>
  readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim())
    .map((line) => JSON.parse(line) as T);

// The recorded text went through a partial ANSI strip and MathCoder's .strip(); empty became <empty_execution>.
// eslint-disable-next-line no-control-regex -- ANSI colour codes are exactly what must go
const ansi = /\x1b\[[0-9;]*[A-Za-z]/g;
const clean = (text: string) => text.replace(ansi, '').trim() || '<empty_execution>';
const isError = (text: string) =>
  text.includes('Traceback (most recent call last)') || /^\s*Cell In\[\d+\], line \d+\n/.test(text);
const lastLine = (text: string) => text.trim().split('\n').at(-1)!.trim();

const outputs = new Map(
  readLines<{ id: string; outputs: Array<{ text: string; error: boolean }> }>(outputsFile).map(
    (o) => [o.id, o.outputs],
  ),
);
const tally = {
  cells: 0,
  values: 0,
  valuesMatched: 0,
  errors: 0,
  errorsMatched: 0,
  cellTracebacks: 0,
  sameTracebacks: 0,
  missing: 0,
};
// Recorded tracebacks join IPython's parts with ' ' where a notebook uses '\n': compare them with whitespace collapsed.
const collapse = (text: string) => text.replace(/\s+/g, ' ');
const misses: string[] = [];
for (const { id, cells, expected } of readLines<{
  id: string;
  cells: string[];
  expected: Array<string | null>;
}>(cellsFile)) {
  const got = outputs.get(id);
  cells.forEach((code, i) => {
    const want = expected[i];
    if (want == null) return;
    tally.cells++;
    const ours = got?.[i];
    if (!ours) return void tally.missing++;
    const recorded = clean(want);
    const mine = clean(ours.text);
    const error = isError(recorded);
    const same = error
      ? ours.error && lastLine(recorded) === lastLine(mine)
      : !ours.error && recorded === mine;
    if (error) tally.errors++;
    else tally.values++;
    if (error && recorded.includes('Traceback') && !recorded.includes('File ')) {
      tally.cellTracebacks++; // frames only in cells: no library paths or line numbers that differ by version
      if (collapse(recorded) === collapse(mine)) tally.sameTracebacks++;
    }
    if (same && error) tally.errorsMatched++;
    else if (same) tally.valuesMatched++;
    else if (misses.length < show)
      misses.push(
        `## ${id} cell ${i + 1}\n${code}\n-- recorded:\n${recorded}\n-- ours:\n${mine}\n`,
      );
  });
}
const pct = (a: number, b: number) => `${a}/${b} (${b ? ((100 * a) / b).toFixed(1) : '-'}%)`;
console.log(
  `cells ${pct(tally.valuesMatched + tally.errorsMatched, tally.cells)} match; ` +
    `values ${pct(tally.valuesMatched, tally.values)}, errors by last line ${pct(tally.errorsMatched, tally.errors)}` +
    `; tracebacks within cells identical ${pct(tally.sameTracebacks, tally.cellTracebacks)}` +
    (tally.missing ? `; ${tally.missing} cells without output` : ''),
);
if (misses.length) console.log(`\n${misses.join('\n')}`);
const matched = tally.valuesMatched + tally.errorsMatched;
const percent = tally.cells ? (100 * matched) / tally.cells : 0;
console.log(
  JSON.stringify({
    name: 'exec-cells-match',
    value: Number(percent.toFixed(1)),
    unit: '%',
    goal: minPercent || null,
    cells: tally.cells,
  }),
);
// A floor turns the figure into a check: the sandbox must keep printing what Jupyter printed.
if (percent < minPercent) {
  console.error(
    `compare-cells: ${percent.toFixed(1)}% of cells match, below the required ${minPercent}%`,
  );
  process.exitCode = 1;
}

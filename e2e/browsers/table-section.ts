// The README's browser table as text: rendered from the engines' results, put between its markers, and compared.
import { format, resolveConfig } from 'prettier';
import { ENGINES, type EngineKey, type EngineResults } from './results.ts';

export const START =
  '<!-- browser-table: written by npm run browsers:table from the suites’ results -->';
export const END = '<!-- /browser-table -->';
const HEADERS: Record<EngineKey, string> = {
  chromium: 'Chromium',
  firefox: 'Firefox ESR',
  webkit: 'WebKitGTK',
};

const escapeCell = (text: string) => text.replace(/\s+/g, ' ').replace(/\|/g, '\\|').trim();

function cellOf(run: EngineResults, name: string): string {
  const result = run.results.find((r) => r.name === name);
  if (!result) return 'not run';
  return escapeCell(
    result.passed ? result.cell : `no: ${result.cell.split('\n')[0]!.slice(0, 120)}`,
  );
}

/** One row per case, in the cases' order, and the versions that were run above the table. */
export function renderTable(caseNames: readonly string[], runs: Record<EngineKey, EngineResults>) {
  const seen = ENGINES.map((key) => `${runs[key].engine} (${runs[key].seconds} s)`).join(', ');
  const rows = caseNames.map(
    (name) =>
      `| ${escapeCell(name)} | ${ENGINES.map((key) => cellOf(runs[key], name)).join(' | ')} |`,
  );
  return [
    START,
    '',
    `Last run: ${seen}.`,
    '',
    `| Case | ${ENGINES.map((key) => HEADERS[key]).join(' | ')} |`,
    `|${' --- |'.repeat(ENGINES.length + 1)}`,
    ...rows,
    '',
    END,
  ].join('\n');
}

/** `readme` with its table section replaced, formatted as `npm run format` would. */
export async function withTable(readme: string, table: string, file: string): Promise<string> {
  const start = readme.indexOf(START);
  const end = readme.indexOf(END);
  if (start < 0 || end < start) throw new Error(`${file} has no ${START} … ${END} section`);
  const replaced = readme.slice(0, start) + table + readme.slice(end + END.length);
  return format(replaced, { ...(await resolveConfig(file)), filepath: file });
}

/** The table's rows, which a run on another machine must reproduce; the "Last run" versions may differ. */
export const tableRows = (readme: string) =>
  readme
    .slice(readme.indexOf(START), readme.indexOf(END))
    .split('\n')
    .filter((line) => line.startsWith('|'));

/** Whether two READMEs show the same table rows. */
export function sameRows(shown: string, found: string): boolean {
  const [a, b] = [tableRows(shown), tableRows(found)];
  return a.length === b.length && a.every((line, i) => line === b[i]);
}

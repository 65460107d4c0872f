// Writes the README's browser table from the results the three engines' suites left (npm run test:chromium,
// test:firefox, test:webkit); with --check, fails if the table the README shows is not what the runs found.
// Usage: npm run browsers:table [-- --check]
import { readFileSync, writeFileSync } from 'node:fs';
import { runMain, say } from '../../scripts/lib/run-main.ts';
import { cases } from './cases.ts';
import { ENGINES, readResults, type EngineKey, type EngineResults } from './results.ts';
import { renderTable, sameRows, tableRows, withTable } from './table-section.ts';

const README = 'README.md';

runMain('browsers:table', async () => {
  const runs = Object.fromEntries(ENGINES.map((key) => [key, readResults(key)])) as Record<
    EngineKey,
    EngineResults
  >;
  const readme = readFileSync(README, 'utf8');
  const table = renderTable(
    cases.map((c) => c.name),
    runs,
  );
  const updated = await withTable(readme, table, README);
  if (!process.argv.includes('--check')) {
    writeFileSync(README, updated);
    say(`${README}: browser table written`);
    return 0;
  }
  if (!sameRows(readme, updated)) {
    say(
      `${README}'s browser table is not what the suites found (npm run browsers:table writes it):\n` +
        tableRows(updated).join('\n'),
    );
    return 1;
  }
  say(`${README}: the browser table is what the suites found`);
  return 0;
});

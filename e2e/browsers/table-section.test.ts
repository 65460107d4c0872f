import { describe, expect, it } from 'vitest';
import type { EngineResults } from './results.ts';
import { END, renderTable, sameRows, START, tableRows, withTable } from './table-section.ts';

const run = (engine: string, results: EngineResults['results']): EngineResults => ({
  engine,
  seconds: 10,
  results,
});

const runs = {
  chromium: run('Chrome/1', [
    { name: 'Opens', passed: true, cell: 'yes' },
    { name: 'Solves | fast', passed: true, cell: 'software' },
  ]),
  firefox: run('firefox/2', [
    { name: 'Opens', passed: false, cell: 'waited 60 s for /Python: ready/\nthe page showed: …' },
  ]),
  webkit: run('MiniBrowser 3', [
    { name: 'Opens', passed: true, cell: 'yes' },
    { name: 'Solves | fast', passed: true, cell: 'yes, with the compat build' },
  ]),
};

describe('the browser table', () => {
  it('has a row per case with each engine’s cell, a failure’s first line and cases not run', () => {
    const rows = tableRows(renderTable(['Opens', 'Solves | fast'], runs));
    expect(rows[0]).toBe('| Case | Chromium | Firefox ESR | WebKitGTK |');
    expect(rows[2]).toBe('| Opens | yes | no: waited 60 s for /Python: ready/ | yes |');
    expect(rows[3]).toBe('| Solves \\| fast | software | not run | yes, with the compat build |');
  });

  it('replaces only its own section, formatted, and compares rows but not versions', async () => {
    const readme = `# Title\n\nBefore.\n\n${START}\nold\n${END}\n\nAfter.\n`;
    const written = await withTable(readme, renderTable(['Opens'], runs), 'README.md');
    expect(written.startsWith('# Title\n\nBefore.\n\n')).toBe(true);
    expect(written.endsWith('\n\nAfter.\n')).toBe(true);
    expect(written).toContain('Last run: Chrome/1 (10 s), firefox/2 (10 s), MiniBrowser 3 (10 s).');
    expect(sameRows(written, written.replace('Chrome/1', 'Chrome/2'))).toBe(true);
    expect(sameRows(written, written.replace('| yes ', '| no  '))).toBe(false);
    expect(sameRows(written, readme)).toBe(false);
  });

  it('refuses a README without the section', async () => {
    await expect(withTable('# Title\n', '', 'README.md')).rejects.toThrow(/no <!-- browser-table/);
  });
});

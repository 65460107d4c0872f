import { readFile } from 'node:fs/promises';
import { expect, test, type Page } from '@playwright/test';
import { expectQuadraticSolvedLive, openPlayback, problemBox, serveFixtures } from './helpers';

const exportsBar = (page: Page) => page.getByRole('region', { name: 'Download this solution' });

async function download(page: Page, button: string) {
  const [file] = await Promise.all([
    page.waitForEvent('download'),
    exportsBar(page).getByRole('button', { name: button }).click(),
  ]);
  const path = await file.path();
  return { name: file.suggestedFilename(), path, text: await readFile(path, 'utf8') };
}

interface Cell {
  cell_type: string;
  id: string;
  source: string[];
  metadata: object;
  outputs?: Array<Record<string, unknown>>;
  execution_count?: number | null;
}

test.beforeEach(async ({ page }) => {
  await serveFixtures(page);
  await openPlayback(page, 'quadratic.json');
  await page.getByRole('button', { name: 'Solve' }).click();
  await expectQuadraticSolvedLive(page);
});

test('the solution downloads as a Jupyter notebook with its outputs', async ({ page }) => {
  const file = await download(page, 'Jupyter notebook');
  expect(file.name).toBe('solve-x-2-x-6-0-what-is.ipynb');
  const notebook = JSON.parse(file.text) as {
    nbformat: number;
    nbformat_minor: number;
    metadata: { kernelspec: { language: string }; language_info: { name: string } };
    cells: Cell[];
  };
  expect(notebook.nbformat).toBe(4);
  expect(notebook.nbformat_minor).toBeGreaterThanOrEqual(5);
  expect(notebook.metadata.kernelspec.language).toBe('python');
  expect(notebook.metadata.language_info.name).toBe('python');
  for (const cell of notebook.cells) {
    expect(['markdown', 'code']).toContain(cell.cell_type);
    expect(cell.id).toMatch(/^[a-zA-Z0-9-_]{1,64}$/);
    expect(Array.isArray(cell.source)).toBe(true);
    expect(typeof cell.metadata).toBe('object');
  }
  const code = notebook.cells.filter((c) => c.cell_type === 'code');
  expect(code).toHaveLength(3);
  expect(code.map((c) => c.execution_count)).toEqual([1, 2, 3]);
  // The outputs Python computed live, not the fixture's wrong recorded ones.
  expect(code[0]?.outputs).toEqual([{ output_type: 'stream', name: 'stdout', text: ['[-2, 3]'] }]);
  expect(code[1]?.outputs?.[0]).toMatchObject({
    output_type: 'error',
    ename: 'NameError',
    evalue: "name 'product' is not defined",
  });
  expect(code[2]?.outputs).toEqual([{ output_type: 'stream', name: 'stdout', text: ['13'] }]);
  const markdown = notebook.cells.filter((c) => c.cell_type === 'markdown');
  expect(markdown[0]?.source.join('')).toContain('x^2 - x - 6 = 0');
  expect(markdown.at(-1)?.source.join('')).toContain('$13$');
});

test('the solution downloads as Markdown with the code and its outputs', async ({ page }) => {
  const file = await download(page, 'Markdown');
  expect(file.name).toBe('solve-x-2-x-6-0-what-is.md');
  expect(file.text).toMatch(/^# Problem\n\nSolve x\^2 - x - 6 = 0\./);
  expect(file.text).toContain("```python\nfrom sympy import symbols, solve\n\nx = symbols('x')");
  expect(file.text).toContain('Output:\n\n```text\n[-2, 3]\n```');
  expect(file.text).toContain("NameError: name 'product' is not defined");
  expect(file.text).toContain('Output:\n\n```text\n13\n```');
  expect(file.text).toContain('## Answer\n\n$13$');
  expect(file.text).not.toContain('[7, 11]');
});

test('a saved solution downloads and opens again with "Open saved solution"', async ({ page }) => {
  const file = await download(page, 'Saved solution');
  expect(file.name).toBe('solve-x-2-x-6-0-what-is.json');
  expect(JSON.parse(file.text)).toMatchObject({
    format: 'mathcoder-tutor/solution',
    version: 1,
    problem: expect.stringContaining('x^2 - x - 6 = 0'),
  });

  await page.goto('/');
  await problemBox(page).fill('Something else');
  await page.getByLabel('Open saved solution').setInputFiles(file.path);
  await expect(page.getByText('Playback of a saved solution')).toBeVisible();
  await expect(problemBox(page)).toHaveValue(/x\^2 - x - 6 = 0/);
  await page.getByRole('button', { name: 'Solve', exact: true }).click();
  await expectQuadraticSolvedLive(page);
});

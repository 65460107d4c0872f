import { expect, test, type Page } from '@playwright/test';
import {
  executions,
  expectQuadraticSolvedLive,
  expectSolveDone,
  openPlayback,
  problemBox,
  serveFixtures,
} from './helpers';

const codeCells = (page: Page) => page.getByRole('figure', { name: /^Python code/ });
const staleNotes = (page: Page) => page.getByText('Possibly stale:');

async function solveQuadratic(page: Page) {
  await serveFixtures(page);
  await openPlayback(page, 'quadratic.json');
  await page.getByRole('button', { name: 'Solve' }).click();
  await expectQuadraticSolvedLive(page);
}

test('editing a cell re-runs it and every later cell in a fresh namespace, marking later prose stale', async ({
  page,
}) => {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await solveQuadratic(page);
  await expect(staleNotes(page)).toHaveCount(0);

  const first = codeCells(page).first();
  await first.getByRole('button', { name: 'Edit code' }).click();
  const editor = first.getByRole('textbox', { name: 'Edit this Python cell' });
  await expect(editor).toBeFocused();
  // Escape leaves the cell as it was and gives the focus back to Edit.
  await editor.press('Escape');
  await expect(editor).toHaveCount(0);
  await expect(first.getByRole('button', { name: 'Edit code' })).toBeFocused();

  await page.keyboard.press('Enter');
  await expect(editor).toBeFocused();
  await editor.fill(
    "from sympy import symbols, solve\n\nx = symbols('x')\nroots = solve(x**2 - x - 12, x)\nroots",
  );
  await first.getByRole('button', { name: 'Run from here' }).click();

  await expect(
    first.getByRole('status').filter({ hasText: 'Ran this cell and the 2 after it again' }),
  ).toBeVisible();
  const cells = executions(page);
  await expect(cells).toHaveCount(3);
  await expect(cells.nth(0).locator('pre')).toHaveText('[-3, 4]');
  // The second cell still fails: `product` is not defined in the fresh namespace either.
  await expect(cells.nth(1)).toContainText("NameError: name 'product' is not defined");
  // (-3 + 4)^2 - 2 * (-12) = 25, computed from the edited roots.
  await expect(cells.nth(2).locator('pre')).toHaveText('25');
  await expect(cells.nth(2)).toHaveAttribute('data-status', 'ok');
  await expect(first).toHaveAttribute('data-edited', 'true');
  await expect(first.locator('pre')).toContainText('x**2 - x - 12');
  await expect(first.locator('pre')).toBeFocused();

  // The three prose blocks after the edit and the answer say they may be stale; the first one does not.
  const prose = page.locator('.trace-item:has([data-block="text"])');
  await expect(prose).toHaveCount(4);
  await expect(prose.nth(0).getByText('Possibly stale:')).toHaveCount(0);
  for (const i of [1, 2, 3]) await expect(prose.nth(i)).toContainText('Possibly stale:');
  await expect(page.getByText('this answer came before a cell above was edited')).toBeVisible();

  // A playback cannot write past its recording: it says so, and the trace stays as it is.
  await first.getByRole('button', { name: 'Continue from here' }).click();
  await expect(
    first.getByRole('status').filter({ hasText: 'cannot go on past its recording' }),
  ).toBeVisible();
  await expect(cells).toHaveCount(3);
  await expect(staleNotes(page)).toHaveCount(4);

  // A later re-run starts from a fresh namespace too: the edited cell's value does not leak into a re-run of cell 3.
  const third = codeCells(page).nth(2);
  await third.getByRole('button', { name: 'Edit code' }).click();
  await third
    .getByRole('textbox', { name: 'Edit this Python cell' })
    .fill('product = roots[0] * roots[1]\nproduct');
  await third.getByRole('textbox', { name: 'Edit this Python cell' }).press('Control+Enter');
  await expect(cells.nth(2).locator('pre')).toHaveText('-12');
  await expect(cells.nth(0).locator('pre')).toHaveText('[-3, 4]');
  expect(errors).toEqual([]);
});

test('a re-run can be stopped, and the cells can be run again after it', async ({ page }) => {
  await solveQuadratic(page);
  const first = codeCells(page).first();
  await first.getByRole('button', { name: 'Edit code' }).click();
  await first
    .getByRole('textbox', { name: 'Edit this Python cell' })
    .fill('import time\nfor _ in range(300):\n    time.sleep(0.1)\nroots = [1, 2]\nroots');
  await first.getByRole('button', { name: 'Run from here' }).click();
  const cells = executions(page);
  await expect(cells.nth(0)).toHaveAttribute('data-status', 'running');
  await expect(first.getByRole('button', { name: 'Edit code' })).toBeDisabled();
  await first.getByRole('button', { name: 'Stop re-run' }).click();
  await expect(
    first.getByRole('status').filter({ hasText: 'The re-run was stopped.' }),
  ).toBeVisible();
  for (const i of [0, 1, 2]) await expect(cells.nth(i)).toHaveAttribute('data-status', 'stopped');
  await expect(first.getByRole('button', { name: 'Continue from here' })).toHaveCount(0);

  await first.getByRole('button', { name: 'Edit code' }).click();
  await first
    .getByRole('textbox', { name: 'Edit this Python cell' })
    .fill(
      "from sympy import symbols, solve\n\nx = symbols('x')\nroots = solve(x**2 - x - 6, x)\nroots",
    );
  await first.getByRole('button', { name: 'Run from here' }).click();
  await expect(cells.nth(0).locator('pre')).toHaveText('[-2, 3]');
  await expect(cells.nth(2).locator('pre')).toHaveText('13');

  // Solve during a re-run stops it and solves afresh.
  await first.getByRole('button', { name: 'Edit code' }).click();
  await first
    .getByRole('textbox', { name: 'Edit this Python cell' })
    .fill('import time\nfor _ in range(300):\n    time.sleep(0.1)');
  await first.getByRole('button', { name: 'Run from here' }).click();
  await expect(cells.nth(0)).toHaveAttribute('data-status', 'running');
  await page.getByRole('button', { name: 'Solve' }).click();
  await expectQuadraticSolvedLive(page);
  await expect(codeCells(page).first()).toHaveAttribute('data-edited', 'false');
});

test('code cells collapse and expand by a real button, and copy their code with a confirmation', async ({
  page,
  context,
}) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await solveQuadratic(page);
  const first = codeCells(page).first();
  const toggle = first.getByRole('button', { name: 'Collapse code' });
  await expect(toggle).toHaveAttribute('aria-expanded', 'true');
  await toggle.focus();
  await page.keyboard.press('Enter');
  const expand = first.getByRole('button', { name: 'Expand code' });
  await expect(expand).toHaveAttribute('aria-expanded', 'false');
  await expect(first.locator('pre')).toBeHidden();
  await expect(first.getByText('5 lines hidden')).toBeVisible();
  await page.keyboard.press('Space');
  await expect(first.locator('pre')).toBeVisible();

  await first.getByRole('button', { name: 'Copy code' }).click();
  await expect(first.getByRole('status').filter({ hasText: 'Copied' })).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(
    "from sympy import symbols, solve\n\nx = symbols('x')\nroots = solve(x**2 - x - 6, x)\nroots",
  );
});

// The generated test GGUF on the real llama.cpp engine: the model goes on from the edited cell's new output.
test('continue from here: the real engine writes the next steps after an edited cell', async ({
  page,
}) => {
  test.setTimeout(150_000);
  await page.goto('/?testModel=/test-models/tutor-test.gguf');
  await page.getByRole('button', { name: 'Load model' }).click();
  await expect(page.getByText(/is loaded: llama\.cpp \(wllama\) on (CPU|WebGPU)/)).toBeVisible({
    timeout: 60_000,
  });
  await problemBox(page).fill('What is (3 + 4) times 6?');
  await page.getByRole('button', { name: 'Solve' }).click();
  await expectSolveDone(page);
  await expect(executions(page).first().locator('pre')).toHaveText('42');

  const cell = codeCells(page).first();
  await cell.getByRole('button', { name: 'Edit code' }).click();
  await cell
    .getByRole('textbox', { name: 'Edit this Python cell' })
    .fill('total = 3 + 5\ntotal * 6');
  await cell.getByRole('button', { name: 'Run from here' }).click();
  await expect(executions(page).first().locator('pre')).toHaveText('48');
  await expect(staleNotes(page)).toHaveCount(2); // the closing prose and the answer

  await cell.getByRole('button', { name: 'Continue from here' }).click();
  await expectSolveDone(page);
  // The closing prose was written again by the model after the edited output; nothing stale is left.
  await expect(staleNotes(page)).toHaveCount(0);
  const texts = page.locator('[data-block="text"]');
  await expect(texts).toHaveCount(2);
  // The test model's script is fixed (it always writes 42); what matters is that it wrote only the closing step.
  await expect(texts.last()).toContainText('so the answer is');
  await expect(executions(page)).toHaveCount(1);
  await expect(executions(page).first().locator('pre')).toHaveText('48');
  await expect(codeCells(page).first()).toHaveAttribute('data-edited', 'true');
  await expect(page.getByRole('region', { name: 'Answer' })).toContainText('42');
});

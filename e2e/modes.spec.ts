import { expect, test, type Page } from '@playwright/test';
import { expectQuadraticSolvedLive, openPlayback, serveFixtures, solveStatus } from './helpers';

const steps = (page: Page) =>
  page.getByRole('list', { name: 'Solution steps' }).getByRole('listitem');
const nextStep = (page: Page) => page.getByRole('button', { name: 'Next step' });
const answer = (page: Page) => page.getByRole('region', { name: 'Answer' });

test.beforeEach(async ({ page }) => {
  await serveFixtures(page);
});

test('step by step reveals a finished solution one step at a time, and a hint shows only the next prose', async ({
  page,
}) => {
  await openPlayback(page, 'quadratic.json');
  await page.getByRole('button', { name: 'Solve' }).click();
  await expectQuadraticSolvedLive(page);

  await page.getByRole('radio', { name: 'Step by step' }).check();
  await expect(steps(page)).toHaveCount(0);
  await expect(answer(page)).toHaveCount(0);
  await expect(page.getByText('Step 0 of 7 shown.')).toBeVisible();
  await page
    .getByRole('textbox', { name: 'Your try at the next step' })
    .fill('Factor it: (x - 3)(x + 2).');

  await nextStep(page).click();
  await expect(steps(page)).toHaveCount(1);
  await expect(steps(page).nth(0)).toBeFocused();
  await expect(steps(page).nth(0)).toContainText("Let's find the roots");

  // A code step comes with its output.
  await nextStep(page).click();
  await expect(steps(page)).toHaveCount(3);
  await expect(steps(page).nth(1)).toBeFocused();
  await expect(steps(page).nth(2).locator('pre')).toHaveText('[-2, 3]');

  await nextStep(page).click();
  await nextStep(page).click();
  await expect(steps(page)).toHaveCount(6);
  await expect(page.locator('[data-block="code"]')).toHaveCount(2);

  // A hint is the next prose block and nothing else.
  await page.getByRole('button', { name: 'Hint' }).click();
  const hint = page.getByRole('region', { name: 'Hint' });
  await expect(hint).toBeFocused();
  await expect(hint).toContainText('The product of the roots was never defined');
  await expect(page.locator('[data-block="code"]')).toHaveCount(2);
  await expect(steps(page)).toHaveCount(6);

  await nextStep(page).click();
  await expect(hint).toHaveCount(0);
  await expect(steps(page)).toHaveCount(7);
  await page.getByRole('button', { name: 'Hint' }).click();
  await expect(hint).toContainText('The roots are');
  await expect(page.locator('[data-block="code"]')).toHaveCount(2);

  await nextStep(page).click();
  await expect(page.locator('[data-block="code"]')).toHaveCount(3);
  await expect(answer(page)).toHaveCount(0);
  await nextStep(page).click();
  await expect(steps(page)).toHaveCount(10);
  await expect(answer(page)).toContainText('13');
  await expect(nextStep(page)).toHaveCount(0);
  await expect(page.getByText('All 7 steps shown.')).toBeVisible();

  await page.getByRole('radio', { name: 'Whole solution' }).check();
  await expect(steps(page)).toHaveCount(10);
});

test('step by step on a solution still being written reveals only what exists', async ({
  page,
}) => {
  await openPlayback(page, 'slow-steps.json');
  await page.getByRole('radio', { name: 'Step by step' }).check();
  await page.getByRole('button', { name: 'Solve' }).click();
  await expect(solveStatus(page)).toHaveText('Solving…');

  // The cell sleeps 4 s: while it runs, the prose and the cell exist and nothing after them.
  await expect(nextStep(page)).toBeEnabled();
  await nextStep(page).click();
  await expect(steps(page)).toHaveCount(1);
  await expect(nextStep(page)).toBeEnabled();
  await nextStep(page).click();
  await expect(steps(page).nth(1)).toContainText('time.sleep(4)');
  await expect(nextStep(page)).toBeDisabled();
  await expect(page.getByText(/steps so far shown; the next is being written/)).toBeVisible();
  await page.getByRole('button', { name: 'Hint' }).click();
  await expect(
    page.getByText('No hint yet: the next explanation has not been written.'),
  ).toBeVisible();
  await expect(page.getByRole('region', { name: 'Hint' })).toHaveCount(0);
  // Nothing to compare with yet.
  const form = page.getByRole('form', { name: 'Check my answer' });
  await form.getByRole('textbox', { name: 'Your answer' }).fill('42');
  await form.getByRole('button', { name: 'Check' }).click();
  await expect(form.getByRole('status')).toContainText('The solution has no answer yet');

  await expect(solveStatus(page)).toHaveText('Done.', { timeout: 60_000 });
  await expect(steps(page)).toHaveCount(3);
  await expect(steps(page).nth(2).locator('pre')).toHaveText('42');
  await expect(answer(page)).toHaveCount(0);
  await nextStep(page).click();
  await expect(steps(page)).toHaveCount(4);
  await expect(answer(page)).toContainText('42');
});

test('check my answer: the same value in another form is right, another value is not, nonsense is unreadable', async ({
  page,
}) => {
  await openPlayback(page, 'quadratic.json');
  const form = page.getByRole('form', { name: 'Check my answer' });
  const input = form.getByRole('textbox', { name: 'Your answer' });
  const result = form.getByRole('status');

  await page.getByRole('button', { name: 'Solve' }).click();
  await expectQuadraticSolvedLive(page);

  await input.fill('\\frac{26}{2}');
  await form.getByRole('button', { name: 'Check' }).click();
  await expect(result).toContainText('Right.', { timeout: 60_000 });
  await expect(result).toContainText("Equal: your answer \\frac{26}{2} matches the solution's 13.");

  await input.fill('13.0 square units');
  await input.press('Enter');
  await expect(result).toContainText(/^Right\./);

  await input.fill('\\sqrt{169}');
  await input.press('Enter');
  await expect(result).toContainText(/^Right\./);

  // What a phone keyboard types, and an answer written as a sentence.
  await input.fill('√169');
  await input.press('Enter');
  await expect(result).toContainText("Equal: your answer \\sqrt{169} matches the solution's 13.");
  await input.fill('The answer is 13,0.');
  await input.press('Enter');
  await expect(result).toContainText(/^Right\./);

  await input.fill('13,000');
  await input.press('Enter');
  await expect(result).toHaveText(
    "Not sure what you meant. Couldn't tell whether 13,000 means 13000 or 13.000: write it without a separator.",
  );

  await input.fill('x > 13');
  await input.press('Enter');
  await expect(result).toContainText('Not yet. Not equal: x > 13 excludes 13.');

  await input.fill('12');
  await input.press('Enter');
  await expect(result).toContainText('Not yet. Not equal: 12 ≠ 13.');
  // Step by step with the answer still hidden: the verdict does not give the answer away.
  await page.getByRole('radio', { name: 'Step by step' }).check();
  await expect(result).toHaveText("Not yet. Not equal: 12 is not the solution's answer.");
  await page.getByRole('radio', { name: 'Whole solution' }).check();

  await input.fill('(-2, 3)');
  await input.press('Enter');
  await expect(result).toContainText("Your answer has 2 values, the solution's has 1.");

  await input.fill('3 +');
  await input.press('Enter');
  await expect(result).toContainText("Couldn't read your answer");

  // The checks ran in the problem's Python without changing what a re-run of its cells computes.
  const first = page.getByRole('figure', { name: /^Python code/ }).first();
  await first.getByRole('button', { name: 'Edit code' }).click();
  await first.getByRole('button', { name: 'Run from here' }).click();
  await expect(page.locator('[data-block="execution"]').nth(2).locator('pre')).toHaveText('13');
});

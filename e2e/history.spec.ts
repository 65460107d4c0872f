import { expect, test, type Page } from '@playwright/test';
import {
  executions,
  expectQuadraticSolvedLive,
  expectSolveDone,
  openPlayback,
  problemBox,
  serveFixtures,
  solveStatus,
} from './helpers';

const history = (page: Page) => page.getByRole('region', { name: 'History' });
const savedProblems = (page: Page) => history(page).getByRole('list', { name: 'Saved problems' });
const entries = (page: Page) => savedProblems(page).getByRole('listitem');
const entryLink = (page: Page, text: string | RegExp) =>
  savedProblems(page).getByRole('link', { name: text });

/** The blocks of the one saved solve, read from the page's IndexedDB. */
function storedBlocks(page: Page): Promise<Array<{ kind: string; text: string }>> {
  return page.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open('mathcoder-tutor-history');
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    const traces = await new Promise<Array<{ blocks: Array<{ kind: string; text: string }> }>>(
      (resolve, reject) => {
        const request = db.transaction('traces').objectStore('traces').getAll();
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      },
    );
    db.close();
    return (traces[0]?.blocks ?? []).map(({ kind, text }) => ({ kind, text }));
  });
}

const storedOutputs = async (page: Page) =>
  (await storedBlocks(page)).filter((b) => b.kind === 'execution').map((b) => b.text);

async function playBackSolve(page: Page, fixture: string, extra = ''): Promise<void> {
  await openPlayback(page, fixture, extra);
  await page.getByRole('button', { name: 'Solve' }).click();
}

test.beforeEach(async ({ page }) => {
  await serveFixtures(page);
});

test('a solved problem survives a reload and reopens without a model', async ({ page }) => {
  await playBackSolve(page, 'quadratic.json');
  await expectQuadraticSolvedLive(page);
  await expect(entries(page)).toHaveCount(1);
  await expect(entries(page).first()).toContainText('x^2 - x - 6 = 0');
  await expect(entries(page).first()).toContainText('solved');

  await page.goto('/');
  await expect(page.getByText('Playback of a saved solution')).toHaveCount(0);
  await expect(executions(page)).toHaveCount(0);
  const entry = entryLink(page, /x\^2 - x - 6 = 0/);
  await expect(entry).toBeVisible();
  await expect(entry).toContainText('answer 13');

  await entry.click();
  await expect(entry).toHaveAttribute('aria-current', 'true');
  await expect(history(page).getByText(/^Opened “Solve x\^2 - x - 6 = 0/)).toHaveAttribute(
    'aria-live',
    'polite',
  );
  await expect(problemBox(page)).toHaveValue(/x\^2 - x - 6 = 0/);
  await expect(solveStatus(page)).toHaveText('Done.');
  // What Python computed when it was solved, not the fixture's wrong recorded outputs.
  await expect(executions(page)).toHaveCount(3);
  await expect(executions(page).nth(0).locator('pre')).toHaveText('[-2, 3]');
  await expect(executions(page).nth(1)).toHaveAttribute('data-status', 'error');
  await expect(executions(page).nth(2).locator('pre')).toHaveText('13');
  await expect(page.getByRole('region', { name: 'Answer' })).toContainText('13');
  await expect(page.getByText('Playback of a saved solution')).toHaveCount(0);
});

test('an answer check and an edited, re-run cell are saved into the solve’s entry', async ({
  page,
}) => {
  await playBackSolve(page, 'quadratic.json');
  await expectQuadraticSolvedLive(page);

  const check = page.getByRole('form', { name: 'Check my answer' });
  await check.getByRole('textbox', { name: 'Your answer' }).fill('\\frac{26}{2}');
  await check.getByRole('button', { name: 'Check' }).click();
  await expect(check.getByRole('status')).toContainText('Right.', { timeout: 60_000 });
  await expect(entries(page).first()).toContainText('1 check');

  const first = page.getByRole('figure', { name: /^Python code/ }).first();
  await first.getByRole('button', { name: 'Edit code' }).click();
  await first
    .getByRole('textbox', { name: 'Edit this Python cell' })
    .fill(
      "from sympy import symbols, solve\n\nx = symbols('x')\nroots = solve(x**2 - x - 12, x)\nroots",
    );
  await first.getByRole('button', { name: 'Run from here' }).click();
  await expect(executions(page).nth(2).locator('pre')).toHaveText('25');
  // Stored, not only shown: the edited cell's output is in IndexedDB before the page goes.
  await expect.poll(() => storedOutputs(page)).toEqual(['[-3, 4]', expect.any(String), '25']);

  await page.goto('/');
  await expect(entries(page)).toHaveCount(1);
  await expect(entries(page).first()).toContainText('1 check');
  await entryLink(page, /x\^2 - x - 6 = 0/).click();
  await expect(executions(page).nth(0).locator('pre')).toHaveText('[-3, 4]');
  await expect(executions(page).nth(2).locator('pre')).toHaveText('25');
});

test('another open tab lists a solve as soon as it is saved', async ({ page, context }) => {
  const other = await context.newPage();
  await other.goto('/');
  await expect(history(other)).toContainText('Problems you solve are saved here');
  await playBackSolve(page, 'quadratic.json');
  await expectSolveDone(page);
  await expect(entryLink(other, /x\^2 - x - 6 = 0/)).toContainText('solved');
  await history(page).getByRole('button', { name: 'Clear all' }).click();
  await history(page).getByRole('button', { name: 'Delete all' }).click();
  await expect(savedProblems(other)).toHaveCount(0);
});

test('history is searched by problem text, and entries are deleted one by one or all at once', async ({
  page,
}) => {
  await playBackSolve(page, 'quadratic.json');
  await expectSolveDone(page);
  await playBackSolve(page, 'six-times-seven.json');
  await expectSolveDone(page);
  await expect(entries(page)).toHaveCount(2);
  // Newest first.
  await expect(entries(page).first()).toContainText('six times seven');

  const search = history(page).getByRole('searchbox', { name: 'Search history' });
  await search.fill('ROOTS');
  await expect(entries(page)).toHaveCount(1);
  await expect(entries(page).first()).toContainText('sum of the squares of its roots');
  await search.fill('seven six');
  await expect(entries(page)).toHaveCount(1);
  await expect(entries(page).first()).toContainText('six times seven');
  await search.fill('cube');
  await expect(history(page).getByText('No saved problem matches “cube”.')).toBeVisible();
  await expect(savedProblems(page)).toHaveCount(0);
  await search.fill('');

  const remove = entries(page)
    .filter({ hasText: 'six times seven' })
    .getByRole('button', { name: 'Delete' });
  await expect(remove).toHaveAccessibleDescription('What is six times seven?');
  await remove.click();
  await expect(entries(page)).toHaveCount(1);
  await page.reload();
  await expect(entries(page)).toHaveCount(1);
  await expect(entries(page).first()).toContainText('x^2 - x - 6 = 0');

  await history(page).getByRole('button', { name: 'Clear all' }).click();
  const confirm = history(page).getByRole('group', { name: 'Confirm clearing the history' });
  await expect(confirm).toContainText('Delete all 1 saved problem?');
  await expect(confirm.getByRole('button', { name: 'Cancel' })).toBeFocused();
  await confirm.getByRole('button', { name: 'Cancel' }).click();
  await expect(entries(page)).toHaveCount(1);
  await history(page).getByRole('button', { name: 'Clear all' }).click();
  await confirm.getByRole('button', { name: 'Delete all' }).click();
  await expect(savedProblems(page)).toHaveCount(0);
  await page.reload();
  await expect(history(page)).toContainText('Problems you solve are saved here');
  await expect(savedProblems(page)).toHaveCount(0);
});

test('a solve cut off by a reload is kept, with what streamed, as interrupted', async ({
  page,
}) => {
  // The first cell loops until its 20 s limit, so the reload lands mid-solve.
  await playBackSolve(page, 'endless-loop.json', '&cellTimeoutMs=20000');
  await expect(executions(page).first()).toBeVisible();
  await expect(page.getByText('First, a loop that never ends.')).toBeVisible();
  // Saved while it streams: the prose and the running cell are stored before the solve ends.
  await expect
    .poll(async () => (await storedBlocks(page)).map((b) => b.kind).slice(0, 2))
    .toEqual(['text', 'code']);
  await page.reload();

  const entry = entryLink(page, /after a loop that never ends/);
  await expect(entry).toContainText('interrupted');
  await entry.click();
  await expect(page.getByText('First, a loop that never ends.')).toBeVisible();
  await expect(page.locator('[data-block="code"]').first()).toContainText('while True:');
  await expect(solveStatus(page)).toHaveText('Stopped.');
});

test('without IndexedDB the page says history is off and still solves', async ({ page }) => {
  await page.addInitScript(() => {
    Object.defineProperty(window, 'indexedDB', { value: undefined });
  });
  await playBackSolve(page, 'quadratic.json');
  await expect(history(page).getByRole('alert')).toContainText('History is off');
  await expectQuadraticSolvedLive(page);
});

test('a full disk is reported when a solve cannot be saved, and the solve goes on', async ({
  page,
}) => {
  await page.addInitScript(() => {
    const put = IDBObjectStore.prototype.put;
    IDBObjectStore.prototype.put = function (...args: Parameters<typeof put>) {
      if (this.name === 'traces')
        throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      return put.apply(this, args);
    };
  });
  await playBackSolve(page, 'quadratic.json');
  await expect(history(page).getByRole('alert')).toContainText('storage for this site is full');
  await expectQuadraticSolvedLive(page);
});

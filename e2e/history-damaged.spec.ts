import { expect, test, type Page } from '@playwright/test';
import { problemBox } from './helpers';

const history = (page: Page) => page.getByRole('region', { name: 'History' });
const savedProblems = (page: Page) => history(page).getByRole('list', { name: 'Saved problems' });

/** A solve as the app stores it, split into the list's summary and the solution. */
function stored(id: string, problem: string) {
  const summary = {
    id,
    problem,
    createdAt: 1_700_000_000_000,
    updatedAt: 1_700_000_000_000,
    status: 'done',
    answer: '13',
    model: 'Test model',
    checkCount: 0,
  };
  const trace = {
    id,
    blocks: [{ id: 'b1', kind: 'text', text: 'Thirteen.' }],
    capped: false,
    error: null,
    notices: [],
    usage: null,
    checks: [],
  };
  return { summary, trace };
}

/** Writes past the app's types, as an extension or damaged storage on the same origin might. */
async function seed(page: Page) {
  const good = stored('good', 'What is six plus seven?');
  const nullBlock = stored('null-block', 'An entry whose solution holds a null block');
  const numberProblem = stored('number-problem', '');
  const stashed = { ...stored('stashed', 'Stashed with a far future date'), createdAt: 1e300 };
  await page.evaluate(
    async ({ rows, stash }) => {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const request = indexedDB.open('mathcoder-tutor-history');
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
      const tx = db.transaction(['summaries', 'traces'], 'readwrite');
      for (const { summary, trace } of rows) {
        tx.objectStore('summaries').put(summary);
        tx.objectStore('traces').put(trace);
      }
      await new Promise((resolve) => (tx.oncomplete = resolve));
      db.close();
      localStorage.setItem(`mathcoder-tutor-history-unsaved:${stash.id}`, JSON.stringify(stash));
    },
    {
      rows: [
        good,
        { ...nullBlock, trace: { ...nullBlock.trace, blocks: [null, ...nullBlock.trace.blocks] } },
        { ...numberProblem, summary: { ...numberProblem.summary, problem: 42 } },
      ],
      stash: {
        ...stashed.summary,
        ...stashed.trace,
        createdAt: 1e300,
        answer: 42,
      },
    },
  );
}

test('damaged history records leave the page, the rest of the history and Clear all working', async ({
  page,
}) => {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto('/');
  await expect(history(page).getByText(/Problems you solve are saved here/)).toBeVisible();
  await seed(page);

  await page.reload();
  await expect(problemBox(page)).toBeVisible();
  await expect(history(page).getByRole('status')).toHaveText(
    '2 saved problems could not be read and are left out of the list; Clear all deletes them.',
  );
  await expect(savedProblems(page).getByRole('listitem')).toHaveCount(2);
  await expect(savedProblems(page)).toContainText('What is six plus seven?');

  await savedProblems(page)
    .getByRole('link', { name: /null block/ })
    .click();
  await expect(history(page).getByRole('alert')).toContainText(
    'This entry cannot be opened: its saved copy is damaged (trace.blocks[0] is not an object).',
  );
  await expect(problemBox(page)).toBeVisible();

  await history(page).getByRole('button', { name: 'Clear all' }).click();
  await expect(history(page).getByRole('group')).toContainText('Delete all 4 saved problems?');
  await history(page).getByRole('button', { name: 'Delete all' }).click();
  await expect(savedProblems(page)).toHaveCount(0);
  await expect(history(page).getByRole('status')).toHaveCount(0);

  await page.reload();
  await expect(history(page).getByText(/Problems you solve are saved here/)).toBeVisible();
  await expect(history(page).getByRole('status')).toHaveCount(0);
  expect(errors).toEqual([]);
});

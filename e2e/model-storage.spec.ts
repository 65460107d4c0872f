import { readFileSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { expectSolveDone, problemBox } from './helpers';

// The tiny GGUF written by scripts/test-model/make-test-gguf.ts, served from public/test-models/.
const TEST_MODEL = '/test-models/tutor-test.gguf';

// The app's service worker must not be the one answering: this test is about the model store itself.
test.use({ serviceWorkers: 'block' });

const storageGroup = (page: Page) => page.getByRole('group', { name: 'Model storage' });

/** Counts requests for the test model's weights; with `deny`, fails them as a closed network would. */
async function watchWeights(page: Page, deny: boolean): Promise<string[]> {
  const seen: string[] = [];
  await page.route(
    (url) => url.pathname.startsWith('/test-models/'),
    (route) => {
      seen.push(route.request().url());
      return deny ? route.abort('internetdisconnected') : route.continue();
    },
  );
  return seen;
}

async function openWithTestModel(page: Page) {
  await page.goto(`/?testModel=${TEST_MODEL}`);
  await expect(page.getByRole('combobox', { name: 'Model' })).toHaveValue('test-model-gguf');
}

const loaded = (page: Page) => page.getByText(/is loaded: llama\.cpp \(wllama\) on (CPU|WebGPU)/);

test('a downloaded GGUF model is kept between visits, loads without the network, and can be deleted', async ({
  page,
}) => {
  const first = await watchWeights(page, false);
  await openWithTestModel(page);
  await expect(storageGroup(page)).toContainText('Not downloaded');
  expect(first, 'nothing is downloaded before the click').toEqual([]);

  await page.getByRole('button', { name: 'Load model' }).click();
  await expect(loaded(page)).toBeVisible();
  expect(first).toHaveLength(1);
  await expect(storageGroup(page)).toContainText('Downloaded: 0.3 MB in this browser');
  await expect(storageGroup(page)).toContainText(/Storage for this site: .* used, .* available/);

  // Next visit, with the weights' server unreachable.
  await page.unrouteAll();
  const second = await watchWeights(page, true);
  await page.reload();
  await expect(page.getByRole('combobox', { name: 'Model' })).toHaveValue('test-model-gguf');
  await expect(storageGroup(page)).toContainText('Downloaded: 0.3 MB');
  await page.getByRole('button', { name: 'Load model' }).click();
  await expect(loaded(page)).toBeVisible();
  expect(second, 'the stored model loads with no request for its weights').toEqual([]);

  await problemBox(page).fill('What is (3 + 4) times 6?');
  await page.getByRole('button', { name: 'Solve', exact: true }).click();
  await expectSolveDone(page);
  await expect(page.getByRole('region', { name: 'Answer' })).toContainText('42');

  await storageGroup(page).getByRole('button', { name: 'Delete download' }).click();
  await page
    .getByRole('group', { name: 'Confirm delete' })
    .getByRole('button', { name: 'Delete' })
    .click();
  await expect(storageGroup(page)).toContainText('Not downloaded');
  // Deleting the loaded model unloads it; loading again now needs the network, which is down.
  await page.reload();
  await expect(storageGroup(page)).toContainText('Not downloaded');
  await page.getByRole('button', { name: 'Load model' }).click();
  await expect(page.getByRole('alert')).toContainText(/download failed|offline/i);
  expect(second.length, 'after delete the weights were asked for again').toBeGreaterThan(0);
});

const LISTED = 'Listed test model, not MathCoder';

/** Serves a models.json with one more GGUF model (the test model's weights under another path). */
async function listSecondModel(page: Page) {
  const weights = readFileSync(new URL('../public/test-models/tutor-test.gguf', import.meta.url));
  await page.route('**/models/models.json', (route) =>
    route.fulfill({
      contentType: 'application/json',
      body: JSON.stringify({
        version: 1,
        models: [
          {
            id: 'Listed-Test-GGUF',
            label: LISTED,
            format: 'gguf',
            quantization: 'F32',
            files: [{ path: 'tutor-test.gguf', bytes: weights.byteLength }],
          },
        ],
      }),
    }),
  );
  await page.route('**/models/Listed-Test-GGUF/tutor-test.gguf', (route) =>
    route.fulfill({ body: weights, contentType: 'application/octet-stream' }),
  );
}

test('every stored model is listed with its size; deleting one from its row keeps the selected one loaded', async ({
  page,
}) => {
  await page.setViewportSize({ width: 360, height: 780 });
  await listSecondModel(page);
  await openWithTestModel(page);
  const model = page.getByRole('combobox', { name: 'Model' });
  const stored = page.getByRole('region', { name: 'Stored in this browser' });
  await expect(model.getByRole('option', { name: `${LISTED} · 0.3 MB` })).toBeAttached();
  await expect(stored).toHaveCount(0);

  // The second model is tried first, then the test model is fetched and loaded.
  await model.selectOption('Listed-Test-GGUF');
  await page.getByRole('button', { name: 'Load model' }).click();
  await expect(page.getByText(`${LISTED} is loaded`)).toBeVisible();
  await expect(stored.getByRole('listitem')).toHaveCount(1);
  await model.selectOption('test-model-gguf');
  await page.getByRole('button', { name: 'Load model' }).click();
  await expect(loaded(page)).toBeVisible();

  const rows = stored.getByRole('listitem');
  await expect(rows).toHaveCount(2);
  await expect(rows.nth(0)).toContainText(/Test model, not MathCoder .* 0\.3 MB · loaded/);
  await expect(rows.nth(1)).toContainText(`${LISTED} 0.3 MB`);
  await expect(model.getByRole('option', { name: `${LISTED} · 0.3 MB` })).toHaveText(
    /· stored, 0\.3 MB/,
  );
  // On a phone the rows wrap rather than push the page sideways.
  const scrollWidth = await page.evaluate(() => document.scrollingElement!.scrollWidth);
  expect(scrollWidth, 'no sideways scrolling').toBeLessThanOrEqual(360);

  // From the keyboard: the row's Delete, the question, then its Delete.
  await stored.getByRole('button', { name: `Delete ${LISTED}` }).focus();
  await page.keyboard.press('Enter');
  const confirm = stored.getByRole('group', { name: `Confirm delete of ${LISTED}` });
  await expect(confirm).toContainText(`Delete 0.3 MB of ${LISTED} from this browser?`);
  await expect(confirm.getByRole('button', { name: 'Keep it' })).toBeFocused();
  const axe = await new AxeBuilder({ page })
    .include('section[aria-label="Model"]')
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'])
    .analyze();
  expect(axe.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
  await confirm.getByRole('button', { name: 'Delete', exact: true }).click();

  await expect(rows).toHaveCount(1);
  await expect(rows.nth(0)).toContainText('Test model, not MathCoder');
  await expect(stored.getByRole('button', { name: /^Delete Test model/ })).toBeFocused();
  await expect(page.getByText(`${LISTED} was deleted from this browser.`)).toBeAttached();
  await expect(model.getByRole('option', { name: `${LISTED} · 0.3 MB` })).not.toHaveText(/stored/);
  await expect(storageGroup(page)).toContainText('Downloaded: 0.3 MB in this browser');
  await expect(loaded(page)).toBeVisible();

  await problemBox(page).fill('What is (3 + 4) times 6?');
  await page.getByRole('button', { name: 'Solve', exact: true }).click();
  await expectSolveDone(page);
  await expect(page.getByRole('region', { name: 'Answer' })).toContainText('42');

  // The delete reached the browser's storage: the next visit finds only the test model.
  await page.reload();
  await expect(stored.getByRole('listitem')).toHaveCount(1);
  await expect(stored).toContainText('Test model, not MathCoder');
  await expect(stored).not.toContainText(LISTED);
});

test('models.json adds self-hosted models and names the entries it skips', async ({ page }) => {
  const weights = readFileSync(new URL('../public/test-models/tutor-test.gguf', import.meta.url));
  await page.route('**/models/models.json', (route) =>
    route.fulfill({
      contentType: 'application/json',
      body: JSON.stringify({
        version: 1,
        models: [
          {
            id: 'Listed-Test-GGUF',
            label: 'Listed test model, not MathCoder',
            format: 'gguf',
            quantization: 'F32',
            files: [{ path: 'tutor-test.gguf', bytes: weights.byteLength }],
          },
          { id: 'Broken', format: 'onnx', quantization: 'q4', files: [{ path: 'm.onnx' }] },
        ],
      }),
    }),
  );
  await page.route('**/models/Listed-Test-GGUF/tutor-test.gguf', (route) =>
    route.fulfill({ body: weights, contentType: 'application/octet-stream' }),
  );
  await page.goto('/');
  const model = page.getByRole('combobox', { name: 'Model' });
  await expect(
    model.getByRole('option', { name: 'Listed test model, not MathCoder · 0.3 MB' }),
  ).toBeAttached();
  await page.getByText('One problem in the model list (models.json)').click();
  await expect(
    page.getByText('models.json entry 2 (Broken) was skipped: format must be "mlc" or "gguf".'),
  ).toBeVisible();

  await model.selectOption('Listed-Test-GGUF');
  await expect(storageGroup(page)).toContainText('Not downloaded: Load model downloads 0.3 MB');
  await page.getByRole('button', { name: 'Load model' }).click();
  await expect(
    page.getByText(/Listed test model, not MathCoder is loaded: llama\.cpp/),
  ).toBeVisible();
  await expect(storageGroup(page)).toContainText('Downloaded: 0.3 MB');
});

import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { ggufHeader } from '../scripts/test-model/gguf-writer';
import { expectSolveDone, problemBox } from './helpers';

// The tiny GGUF written by scripts/test-model/make-test-gguf.ts, as a user would carry it on a USB stick.
const TEST_GGUF = new URL('../public/test-models/tutor-test.gguf', import.meta.url).pathname;
const FOLDER = 'Test-model-not-MathCoder';

test.use({ serviceWorkers: 'block' });

function stick(): { model: string; notes: string } {
  const root = mkdtempSync(join(tmpdir(), 'usb-'));
  const model = join(root, FOLDER);
  mkdirSync(model);
  copyFileSync(TEST_GGUF, join(model, 'tutor-test.gguf'));
  const notes = join(root, 'Class-notes');
  mkdirSync(notes);
  writeFileSync(join(notes, 'README.txt'), 'Bring a calculator.');
  return { model, notes };
}

/** Fails every request under /local-models/: a folder's model must never come from the network. */
async function denyLocalModelRequests(page: Page): Promise<string[]> {
  const seen: string[] = [];
  await page.route(
    (url) => url.pathname.includes('/local-models/'),
    (route) => {
      seen.push(route.request().url());
      return route.abort('internetdisconnected');
    },
  );
  return seen;
}

test('a model added from a folder is checked, stored, solves offline, survives a reload and can be removed', async ({
  page,
}) => {
  const { model, notes } = stick();
  const requests = await denyLocalModelRequests(page);
  await page.goto('/');
  const group = page.getByRole('group', { name: 'Add a model from a folder' });
  await expect(group.getByRole('button', { name: 'Add a model from a folder…' })).toBeEnabled();

  // A folder that is not a model says what is missing and adds nothing.
  await page.getByLabel('Model folder').setInputFiles(notes);
  await expect(group.getByRole('alert')).toContainText('Class-notes cannot be added as a model');
  await expect(group.getByRole('alert')).toContainText(
    'holds neither an MLC model (mlc-chat-config.json, tensor-cache.json',
  );

  await page.getByLabel('Model folder').setInputFiles(model);
  const label = `${FOLDER} (from a folder, llama.cpp)`;
  await expect(group.getByRole('status')).toContainText(`${label} was added and selected`);
  const select = page.getByRole('combobox', { name: 'Model' });
  await expect(select).toHaveValue(FOLDER);
  await expect(page.getByRole('group', { name: 'Model storage' })).toContainText(
    'Downloaded: 0.3 MB',
  );

  await page.getByRole('button', { name: 'Load model' }).click();
  await expect(page.getByText(`${label} is loaded: llama.cpp`, { exact: false })).toBeVisible();
  await problemBox(page).fill('What is (3 + 4) times 6?');
  await page.getByRole('button', { name: 'Solve', exact: true }).click();
  await expectSolveDone(page);
  await expect(page.getByRole('region', { name: 'Answer' })).toContainText('42');

  // Next visit: still offered, loads from storage.
  await page.reload();
  await select.selectOption(FOLDER);
  await page.getByRole('button', { name: 'Load model' }).click();
  await expect(page.getByText(`${label} is loaded: llama.cpp`, { exact: false })).toBeVisible();
  expect(requests, 'the folder model never touched the network').toEqual([]);

  await page.getByRole('button', { name: 'Delete download' }).click();
  await page
    .getByRole('group', { name: 'Confirm delete' })
    .getByRole('button', { name: 'Delete' })
    .click();
  await expect(select.locator(`option[value="${FOLDER}"]`)).toHaveCount(0);
  await page.reload();
  await expect(
    page.getByRole('combobox', { name: 'Model' }).locator(`option[value="${FOLDER}"]`),
  ).toHaveCount(0);
});

test('an MLC folder without its WebGPU library is refused with what is missing', async ({
  page,
}) => {
  const root = mkdtempSync(join(tmpdir(), 'usb-'));
  const dir = join(root, 'MathCoder-CL-7B-q4f16_1-MLC');
  mkdirSync(dir);
  writeFileSync(
    join(dir, 'mlc-chat-config.json'),
    JSON.stringify({ vocab_size: 32024, conv_template: { stop_str: ['</s>'] } }),
  );
  writeFileSync(
    join(dir, 'tensor-cache.json'),
    JSON.stringify({ records: [{ dataPath: 'params_shard_0.bin', nbytes: 8 }] }),
  );
  writeFileSync(join(dir, 'params_shard_0.bin'), new Uint8Array(8));
  writeFileSync(join(dir, 'tokenizer.json'), JSON.stringify({ added_tokens: [] }));
  await page.goto('/');
  const options = page.getByRole('combobox', { name: 'Model' }).locator('option');
  await expect(options.first()).toBeAttached();
  const before = await options.count();
  await page.getByLabel('Model folder').setInputFiles(dir);
  const alert = page.getByRole('group', { name: 'Add a model from a folder' }).getByRole('alert');
  await expect(alert).toContainText('MathCoder-CL-7B-q4f16_1-MLC cannot be added as a model');
  await expect(alert).toContainText('The WebGPU model library (a .wasm file');
  await expect(alert).toContainText(
    'conv_template.stop_str in mlc-chat-config.json lacks <|endofblock|>',
  );
  await expect(alert).toContainText("tokenizer.json lacks MathCoder's added tokens");
  // Nothing was added to the list.
  await expect(options).toHaveCount(before);
});

// A synthetic drop carries files but no folder entries, as a drop of loose files does; folders dropped are unit-tested.
test('a GGUF file dropped on the panel is added and selected, without the network', async ({
  page,
}) => {
  const requests = await denyLocalModelRequests(page);
  await page.goto('/');
  const group = page.getByRole('group', { name: 'Add a model from a folder' });
  await expect(group.getByRole('button', { name: 'Add a model from a folder…' })).toBeEnabled();
  const transfer = await page.evaluateHandle((base64) => {
    const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
    const data = new DataTransfer();
    data.items.add(new File([bytes], 'tutor-test.gguf'));
    return data;
  }, readFileSync(TEST_GGUF).toString('base64'));
  await group.dispatchEvent('dragover', { dataTransfer: transfer });
  await expect(group).toHaveClass(/drop-over/);
  await group.dispatchEvent('drop', { dataTransfer: transfer });
  await expect(group).not.toHaveClass(/drop-over/);
  await expect(group.getByRole('status')).toContainText(
    'tutor-test (from a folder, llama.cpp) was added and selected',
  );
  await expect(page.getByRole('combobox', { name: 'Model' })).toHaveValue('tutor-test');
  await expect(page.getByRole('group', { name: 'Model storage' })).toContainText(
    'Downloaded: 0.3 MB',
  );
  expect(requests).toEqual([]);
});

test('a GGUF vocabulary of 1.7 million tokens is read without a long task', async ({ page }) => {
  const root = mkdtempSync(join(tmpdir(), 'vocab-'));
  const model = join(root, 'Huge-vocabulary');
  mkdirSync(model);
  // Short tokens, so the 1.7 million fit in the 16 MB of header the check reads.
  const tokens = Array.from({ length: 1_700_000 }, (_, i) => String.fromCharCode(33 + (i % 90)));
  const header = ggufHeader(
    [
      ['general.architecture', { type: 'string', value: 'llama' }],
      ['tokenizer.ggml.tokens', { type: 'strings', value: tokens }],
    ],
    [],
  );
  writeFileSync(join(model, 'huge-vocabulary-f32.gguf'), header);

  await page.goto('/');
  const group = page.getByRole('group', { name: 'Add a model from a folder' });
  await expect(group.getByRole('button', { name: 'Add a model from a folder…' })).toBeEnabled();
  await page.evaluate(() => {
    const w = window as unknown as { longestTaskMs: number };
    w.longestTaskMs = 0;
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries())
        w.longestTaskMs = Math.max(w.longestTaskMs, entry.duration);
    }).observe({ type: 'longtask' });
  });
  await page.getByLabel('Model folder').setInputFiles(model);
  // The message comes only once every token has been read.
  await expect(group.getByRole('alert')).toContainText(
    "The GGUF vocabulary lacks MathCoder's tokens",
  );
  const longest = await page.evaluate(
    () => (window as unknown as { longestTaskMs: number }).longestTaskMs,
  );
  expect(longest).toBeLessThan(200);
});

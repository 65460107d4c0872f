import { readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test, type Page, type Route } from '@playwright/test';
import { startStandInHub, type StandInHub } from '../scripts/servers/stand-in-hub';
import { executions, expectSolveDone, problemBox } from './helpers';

// The generated test GGUF on a stand-in hub that answers as huggingface.co does for a browser: the JSON API, resolve
// URLs that 302 to a Xet-like second origin (no x-linked-*, Content-Range hidden, preflights refused). models.json's
// `hub` makes it the app's hub. Small pieces and parts make the app really download by Range and split for llama.cpp.
const TEST_GGUF = 'public/test-models/tutor-test.gguf';
// The ladder's small rung as the catalog names it, served by the Qwen2 test model in Qwen2.5-Math's format.
const QWEN_GGUF = 'public/test-models/tutor-test-qwen.gguf';
const QWEN_REPO = 'bartowski/Qwen2.5-Math-1.5B-Instruct-GGUF';
const QWEN_ID = 'Qwen2.5-Math-1.5B-Instruct-Q4_K_M-hub';
// The default model's repository, as the built-in catalog names it.
const DEFAULT_REPO = 'RichardErkhov/MathLLMs_-_MathCoder-L-7B-gguf';
const DEFAULT_ID = 'MathCoder-L-7B-Q4_0-hub';
// A model named only by repository and tag in models.json.
const REPO = 'tutor-tests/tutor-test-GGUF';
const FILE = 'tutor-test.Q8_0.gguf';
const MODEL_ID = 'tutor-test-hub';
const PIECE_BYTES = 65_536;
const QUERY = `?pieceBytes=${PIECE_BYTES}&splitBytes=50000`;

let hub: StandInHub;
let changedGguf = '';

// The stand-in listens on loopback ports the build's page policy does not list (a build for a mirror names it in
// VITE_MODEL_HUB); the policy itself is checked in page-policy.spec.ts.
test.use({ bypassCSP: true });

test.beforeAll(async () => {
  hub = await startStandInHub([
    { repo: DEFAULT_REPO, file: 'MathCoder-L-7B.Q4_0.gguf', path: TEST_GGUF },
    { repo: DEFAULT_REPO, file: 'MathCoder-L-7B.Q3_K.gguf', path: TEST_GGUF },
    { repo: REPO, file: FILE, path: TEST_GGUF },
    { repo: QWEN_REPO, file: 'Qwen2.5-Math-1.5B-Instruct-Q4_K_M.gguf', path: QWEN_GGUF },
  ]);
  // The same model with one letter of its name changed: a new version at `main`, as loadable as the first.
  const bytes = readFileSync(TEST_GGUF);
  const at = bytes.indexOf('MathCoder tutor test model');
  bytes.write('T', at + 'MathCoder '.length);
  changedGguf = path.join(mkdtempSync(path.join(tmpdir(), 'model-hub-')), 'changed.gguf');
  writeFileSync(changedGguf, bytes);
});

test.afterAll(async () => {
  await hub.close();
});

test.beforeEach(async ({ page }) => {
  hub.clearFailures();
  hub.requests.length = 0;
  await page.route('**/models/models.json', (route) =>
    route.fulfill({
      json: {
        version: 1,
        hub: hub.hubUrl,
        models: [
          {
            id: MODEL_ID,
            label: 'Test model, not MathCoder (by tag on a hub)',
            format: 'gguf',
            quantization: 'Q8_0',
            hf: `${REPO}:q8_0`,
          },
        ],
      },
    }),
  );
});

// Every request the app sends is a simple one: a preflight would fail at the Xet-like origin.
test.afterEach(() => {
  expect(hub.requests.filter((r) => r.method === 'OPTIONS')).toEqual([]);
  expect(hub.requests.filter((r) => r.method !== 'GET')).toEqual([]);
});

const cdnGets = () => hub.requests.filter((r) => r.origin === 'cdn' && r.method === 'GET');

async function openAndChoose(page: Page, id = MODEL_ID, repo = REPO) {
  await page.goto(`/${QUERY}`);
  const model = page.getByRole('combobox', { name: 'Model' });
  await expect(model.locator(`option[value="${id}"]`)).toContainText(
    `from ${new URL(hub.hubUrl).host} (${repo}:`,
  );
  await model.selectOption(id);
}

async function load(page: Page) {
  await page.getByRole('button', { name: 'Load model' }).click();
  await expect(page.getByText(/is loaded: llama\.cpp \(wllama\) on (CPU|WebGPU)/)).toBeVisible({
    timeout: 60_000,
  });
}

async function solve(page: Page) {
  await problemBox(page).fill('What is (3 + 4) times 6?');
  await page.getByRole('button', { name: 'Solve' }).click();
  await expectSolveDone(page);
  await expect(page.getByRole('region', { name: 'Answer' })).toContainText('42');
}

/** Piece keys stored in the browser: `<commit>/<file> <piece>`. */
function storedPieces(page: Page): Promise<string[]> {
  return page.evaluate(async () => {
    const cache = await caches.open('gguf-parts-v1');
    return (await cache.keys())
      .map((r) => new URL(r.url))
      .filter((u) => u.searchParams.has('tutor-piece'))
      .map((u) => {
        const [, revision = '', file = ''] = /\/resolve\/([^/]+)\/(.+)$/.exec(u.pathname) ?? [];
        return `${revision}/${file} ${u.searchParams.get('tutor-piece')}`;
      })
      .sort();
  });
}

const expectedRanges = (size: number) =>
  Array.from({ length: Math.ceil(size / PIECE_BYTES) }, (_, i) => {
    const end = Math.min(size, (i + 1) * PIECE_BYTES) - 1;
    return `bytes=${i * PIECE_BYTES}-${end}`;
  }).sort();

test('the default model resolves through the hub API, downloads from the commit in pieces, loads and solves', async ({
  page,
}) => {
  await openAndChoose(page, DEFAULT_ID, DEFAULT_REPO);
  await load(page);
  const entry = hub.entries.find((e) => e.repo === DEFAULT_REPO && e.file.includes('Q4_0'))!;
  // Two API calls, then every piece once by Range, from the pinned commit.
  const hubPaths = hub.requests.filter((r) => r.origin === 'hub').map((r) => r.path);
  expect(hubPaths.slice(0, 2)).toEqual([
    `/api/models/${DEFAULT_REPO}`,
    `/api/models/${DEFAULT_REPO}/tree/${entry.commit}?recursive=true`,
  ]);
  expect(new Set(hubPaths.slice(2))).toEqual(
    new Set([`/${DEFAULT_REPO}/resolve/${entry.commit}/MathCoder-L-7B.Q4_0.gguf`]),
  );
  expect(
    cdnGets()
      .map((r) => r.range)
      .sort(),
  ).toEqual(expectedRanges(entry.size));
  expect(await storedPieces(page)).toHaveLength(Math.ceil(entry.size / PIECE_BYTES));
  await solve(page);

  // Stored and checked: the next visit loads it with the hub gone.
  await page.reload();
  await page.getByRole('combobox', { name: 'Model' }).selectOption(DEFAULT_ID);
  hub.requests.length = 0;
  const cut = (route: Route) => route.abort('internetdisconnected');
  await page.context().route(`${hub.hubUrl}/**`, cut);
  await page.context().route(`${hub.cdnUrl}/**`, cut);
  await load(page);
  expect(hub.requests).toEqual([]);
  await solve(page);
});

test('a model named owner/repo:TAG downloads, is checked, loads and solves', async ({ page }) => {
  await openAndChoose(page);
  await load(page);
  const size = hub.entries.find((e) => e.repo === REPO)!.size;
  expect(
    cdnGets()
      .map((r) => r.range)
      .sort(),
  ).toEqual(expectedRanges(size));
  await solve(page);
});

test('the small rung, Qwen2.5-Math 1.5B on llama.cpp, loads from the hub and solves in its tool-integrated format', async ({
  page,
}) => {
  await openAndChoose(page, QWEN_ID, QWEN_REPO);
  await expect(
    page.getByRole('combobox', { name: 'Model' }).locator('option:checked'),
  ).toContainText('Qwen2.5-Math 1.5B');
  await load(page);
  const hubPaths = hub.requests.filter((r) => r.origin === 'hub').map((r) => r.path);
  expect(hubPaths[0]).toBe(`/api/models/${QWEN_REPO}`);
  await problemBox(page).fill('What is 6 times 7?');
  await page.getByRole('button', { name: 'Solve' }).click();
  await expectSolveDone(page);
  // The model wrote a ```python block and stopped at ```output; the app ran it and gave the output back.
  await expect(page.getByText('print(6*7)')).toBeVisible();
  await expect(executions(page)).toHaveCount(1);
  await expect(executions(page).first()).toContainText('42');
  await expect(page.getByText('To multiply six by seven, we use Python:')).toBeVisible();
  await expect(page.getByRole('region', { name: 'Answer' })).toContainText('42');
});

test('a GGUF pasted as owner/repo:TAG is resolved, read by its header, kept, loaded, solved and deleted', async ({
  page,
}) => {
  await page.goto(`/${QUERY}`);
  const form = page.getByRole('form', { name: 'Add a model from the hub' });
  await form.getByRole('textbox', { name: 'Hub model' }).fill(`hf.co/${DEFAULT_REPO}:q3_k`);
  await form.getByRole('button', { name: 'Add from the hub' }).click();
  await expect(form.getByRole('status')).toContainText(
    `${DEFAULT_REPO}:q3_k (MathCoder format, llama.cpp) was added and selected`,
  );
  const model = page.getByRole('combobox', { name: 'Model' });
  await expect(model.locator('option:checked')).toContainText(`${DEFAULT_REPO}:q3_k`);
  // Only the header was read: one range of the file, before any download.
  expect(cdnGets().map((r) => r.range)).toEqual(['bytes=0-336831']);
  await load(page);
  await solve(page);

  // Kept with the user's models: the next visit offers it, and deleting it takes it off the list.
  await page.reload();
  const id = await model
    .locator('option', { hasText: `${DEFAULT_REPO}:q3_k` })
    .getAttribute('value');
  await model.selectOption(id!);
  await page.getByRole('button', { name: 'Delete download' }).click();
  await page
    .getByRole('group', { name: 'Confirm delete' })
    .getByRole('button', { name: 'Delete', exact: true })
    .click();
  await expect(model.locator(`option[value="${id}"]`)).toHaveCount(0);
});

test('a pasted name whose tag the repository lacks is refused with the tags it has', async ({
  page,
}) => {
  await page.goto(`/${QUERY}`);
  const form = page.getByRole('form', { name: 'Add a model from the hub' });
  await form.getByRole('textbox', { name: 'Hub model' }).fill(`${DEFAULT_REPO}:Q9_9`);
  await form.getByRole('button', { name: 'Add from the hub' }).click();
  await expect(form.getByRole('alert')).toContainText('It has these quantizations: Q3_K, Q4_0.');
});

test('a tag the repository lacks names the quantizations it has', async ({ page }) => {
  await page.unroute('**/models/models.json');
  await page.route('**/models/models.json', (route) =>
    route.fulfill({
      json: {
        version: 1,
        hub: hub.hubUrl,
        models: [
          { id: MODEL_ID, format: 'gguf', quantization: 'Q5_K_M', hf: `${DEFAULT_REPO}:Q5_K_M` },
        ],
      },
    }),
  );
  await openAndChoose(page, MODEL_ID, DEFAULT_REPO);
  await page.getByRole('button', { name: 'Load model' }).click();
  await expect(page.getByRole('alert')).toContainText(
    `${DEFAULT_REPO} has no Q5_K_M file. It has these quantizations: Q3_K, Q4_0.`,
  );
});

test('a dropped connection keeps the finished pieces; a file changed at main meanwhile never mixes with them', async ({
  page,
}) => {
  await openAndChoose(page);
  const first = hub.entries.find((e) => e.repo === REPO)!;
  const last = Math.floor((first.size - 1) / PIECE_BYTES) * PIECE_BYTES;
  hub.fail({ kind: 'drop', fromByte: last });
  await page.getByRole('button', { name: 'Load model' }).click();
  await expect(page.getByRole('alert')).toContainText('The connection dropped');
  const kept = await storedPieces(page);
  expect(kept.length).toBeGreaterThan(0);
  expect(kept.every((k) => k.startsWith(`${first.commit}/`))).toBe(true);

  // Resumed with the repository unchanged: only what was not stored is asked for.
  hub.fail({ kind: 'drop', fromByte: last });
  hub.requests.length = 0;
  await page.getByRole('button', { name: 'Load model' }).click();
  await expect(page.getByRole('alert')).toContainText('The connection dropped');
  const keptStarts = kept.map((k) => (Number(/ (\d+)-of/.exec(k)![1]) - 1) * PIECE_BYTES);
  for (const { range } of cdnGets()) {
    expect(keptStarts).not.toContain(Number(/bytes=(\d+)-/.exec(range ?? '')![1]));
  }

  // The repository changes before the next visit: the old commit's pieces go, the new file arrives whole and checked.
  const changed = await hub.publish({ repo: REPO, file: FILE, path: changedGguf });
  expect(changed.commit).not.toBe(first.commit);
  await page.reload();
  await page.getByRole('combobox', { name: 'Model' }).selectOption(MODEL_ID);
  hub.requests.length = 0;
  await load(page);
  expect(
    cdnGets()
      .map((r) => r.range)
      .sort(),
  ).toEqual(expectedRanges(changed.size));
  const resolves = hub.requests.filter((r) => r.path.includes('/resolve/'));
  expect(resolves.every((r) => r.path.includes(`/resolve/${changed.commit}/`))).toBe(true);
  const stored = await storedPieces(page);
  expect(stored.every((k) => k.startsWith(`${changed.commit}/`))).toBe(true);
  await solve(page);
});

test('a host that ignores Range, or sends a short piece, is named and what was stored is kept', async ({
  page,
}) => {
  await openAndChoose(page);
  // The last piece is asked for only once an earlier one is stored (four at a time, in order).
  const size = hub.entries.find((e) => e.repo === REPO)!.size;
  hub.fail({ kind: 'ignore-range', fromByte: Math.floor((size - 1) / PIECE_BYTES) * PIECE_BYTES });
  await page.getByRole('button', { name: 'Load model' }).click();
  await expect(page.getByRole('alert')).toContainText(
    'with the whole file (HTTP 200 instead of 206)',
  );
  const kept = await storedPieces(page);
  expect(kept.length).toBeGreaterThan(0);
  hub.fail({ kind: 'short', times: Infinity });
  await page.getByRole('button', { name: 'Load model' }).click();
  await expect(page.getByRole('alert')).toContainText('a piece of the wrong length');
  expect(await storedPieces(page)).toEqual(expect.arrayContaining(kept));
});

test('a file whose sha256 differs from the hub’s is refused and removed', async ({ page }) => {
  await openAndChoose(page);
  hub.fail({ kind: 'wrong-sha' });
  await page.getByRole('button', { name: 'Load model' }).click();
  await expect(page.getByRole('alert')).toContainText('does not match the checksum');
  expect(await storedPieces(page)).toEqual([]);
});

test('a renamed file and a rate limit each get their own words', async ({ page }) => {
  await openAndChoose(page);
  hub.fail({ kind: 'status', status: 404, api: false });
  await page.getByRole('button', { name: 'Load model' }).click();
  await expect(page.getByRole('alert')).toContainText('renamed or removed');
  hub.fail({ kind: 'status', status: 429, api: false });
  await page.getByRole('button', { name: 'Load model' }).click();
  await expect(page.getByRole('alert')).toContainText('limiting downloads');
  await expect(page.getByRole('alert')).toContainText('about 30 s');
});

import { expect, test, type Page, type Route } from '@playwright/test';
import { startStandInHub, type StandInHub } from '../scripts/stand-in-hub';
import { expectSolveDone, problemBox } from './helpers';

// The generated test GGUF published as one unsplit file on a stand-in hub (302 to a second origin, as Hugging Face
// does). Small pieces and parts make the app really download it by Range in pieces and split it for llama.cpp.
const REPO = 'tutor-tests/tutor-test-GGUF';
const FILE = 'tutor-test.gguf';
const PIECE_BYTES = 65_536;
const QUERY = `?pieceBytes=${PIECE_BYTES}&splitBytes=50000`;
const MODEL_ID = 'tutor-test-hub';

let hub: StandInHub;
let fileUrl = '';

// The stand-in listens on loopback ports the build's page policy does not list (a build for a mirror names it in
// VITE_MODEL_HUB); the policy itself is checked in page-policy.spec.ts.
test.use({ bypassCSP: true });

test.beforeAll(async () => {
  hub = await startStandInHub([
    { repo: REPO, file: FILE, path: 'public/test-models/tutor-test.gguf' },
  ]);
  fileUrl = `${hub.hubUrl}/${REPO}/resolve/main/${FILE}`;
});

test.afterAll(async () => {
  await hub.close();
});

test.beforeEach(async ({ page }) => {
  hub.clearFailures();
  hub.requests.length = 0;
  // A deployment's models.json offering the file by its hub address.
  await page.route('**/models/models.json', (route) =>
    route.fulfill({
      json: {
        version: 1,
        models: [
          {
            id: MODEL_ID,
            label: 'Test model, not MathCoder (one file on a hub)',
            format: 'gguf',
            quantization: 'F32',
            url: fileUrl,
          },
        ],
      },
    }),
  );
});

const cdnGets = () => hub.requests.filter((r) => r.origin === 'cdn' && r.method === 'GET');

async function openAndChoose(page: Page) {
  await page.goto(`/${QUERY}`);
  const model = page.getByRole('combobox', { name: 'Model' });
  await expect(model.locator(`option[value="${MODEL_ID}"]`)).toContainText(
    `from ${new URL(hub.hubUrl).host}`,
  );
  await model.selectOption(MODEL_ID);
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

/** Piece keys stored in the browser for the file. */
function storedPieces(page: Page): Promise<string[]> {
  return page.evaluate(async () => {
    const cache = await caches.open('gguf-parts-v1');
    return (await cache.keys())
      .map((r) => new URL(r.url).searchParams.get('tutor-piece'))
      .filter((p): p is string => p !== null)
      .sort();
  });
}

test('one click downloads a one-file model from the hub in pieces, splits it, loads it and solves', async ({
  page,
}) => {
  await openAndChoose(page);
  await load(page);
  const size = hub.entries[0]!.size;
  const pieces = Math.ceil(size / PIECE_BYTES);
  // One byte to learn size and sha256, then every piece once, each by Range through the hub's redirect.
  const ranges = cdnGets().map((r) => r.range);
  expect(ranges).toContain('bytes=0-0');
  expect(ranges.filter((r) => r !== 'bytes=0-0').sort()).toEqual(
    Array.from({ length: pieces }, (_, i) => {
      const end = Math.min(size, (i + 1) * PIECE_BYTES) - 1;
      return `bytes=${i * PIECE_BYTES}-${end}`;
    }).sort(),
  );
  expect(hub.requests.filter((r) => r.origin === 'hub').every((r) => r.status === 302)).toBe(true);
  expect(await storedPieces(page)).toHaveLength(pieces);
  await solve(page);

  // Stored and checked: the next visit loads it with the hub gone. (The app itself offline, through its service
  // worker, is offline.spec.ts; here the app's own files still come from the server.)
  await page.reload();
  await page.getByRole('combobox', { name: 'Model' }).selectOption(MODEL_ID);
  hub.requests.length = 0;
  const cut = (route: Route) => route.abort('internetdisconnected');
  await page.context().route(`${hub.hubUrl}/**`, cut);
  await page.context().route(`${hub.cdnUrl}/**`, cut);
  await load(page);
  expect(hub.requests).toEqual([]);
  await solve(page);
});

test('a connection dropped halfway keeps the finished pieces, and Load model goes on from there', async ({
  page,
}) => {
  await openAndChoose(page);
  const last = Math.floor((hub.entries[0]!.size - 1) / PIECE_BYTES) * PIECE_BYTES;
  hub.fail({ kind: 'drop', fromByte: last });
  await page.getByRole('button', { name: 'Load model' }).click();
  await expect(page.getByRole('alert')).toContainText('The connection dropped');
  const kept = await storedPieces(page);
  expect(kept.length).toBeGreaterThan(0);

  hub.requests.length = 0;
  await load(page);
  const again = cdnGets()
    .map((r) => r.range)
    .filter((r) => r !== 'bytes=0-0');
  // Only what was not stored is asked for again.
  const keptStarts = kept.map((p) => (Number(p.split('-')[0]) - 1) * PIECE_BYTES);
  for (const range of again) {
    expect(keptStarts).not.toContain(Number(/bytes=(\d+)-/.exec(range ?? '')![1]));
  }
  expect(again.length).toBeLessThan(Math.ceil(hub.entries[0]!.size / PIECE_BYTES));
  await solve(page);
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
  hub.fail({ kind: 'status', status: 404 });
  await page.getByRole('button', { name: 'Load model' }).click();
  await expect(page.getByRole('alert')).toContainText('renamed or removed');
  hub.fail({ kind: 'status', status: 429 });
  await page.getByRole('button', { name: 'Load model' }).click();
  await expect(page.getByRole('alert')).toContainText('limiting downloads');
  await expect(page.getByRole('alert')).toContainText('about 30 s');
});

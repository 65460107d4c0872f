// Tokens read per problem by llama.cpp on the test models vs the reference loop (whole prompt per block); JSON lines out.
// Usage: npm run bench:prefill [-- --webgpu] [--dist <dir>]   (builds dist/ first; --dist serves another build)
// The `_llama_vocab` figures are for the test model on LLaMA-2's vocabulary with the space prefix of a real conversion.
import { existsSync } from 'node:fs';
import { chromium, type Browser } from '@playwright/test';
import { preview } from 'vite';
import { buildTestModel, type TestVocabularyKind } from '../test-model/tutor-test-model';
import { CHROMIUM_PATH, QUIET_CHROMIUM_ARGS } from '../lib/chromium.ts';

const args = process.argv.slice(2);
const webgpu = args.includes('--webgpu');
const dist = args.includes('--dist') ? args[args.indexOf('--dist') + 1]! : 'dist';
const PROBLEM = 'What is (3 + 4) times 6?';
const MODEL_PATH = '/bench/tutor-test.gguf';

function line(name: string, value: number, unit: string, goal: number | null) {
  console.log(JSON.stringify({ name, value: Number(value.toFixed(3)), unit, goal }));
}

async function solveOnce(browser: Browser, base: string, vocabulary: TestVocabularyKind) {
  const page = await browser.newPage();
  const model = buildTestModel({ vocabulary }).bytes;
  await page.route(
    (url) => url.pathname === MODEL_PATH,
    (route) => route.fulfill({ body: Buffer.from(model), contentType: 'application/octet-stream' }),
  );
  await page.goto(`${base}?testModel=${MODEL_PATH}`);
  const started = Date.now();
  await page.getByRole('button', { name: 'Load model' }).click();
  const loaded = page.getByText(/is loaded: /);
  await loaded.waitFor({ timeout: 60_000 });
  const loadSeconds = (Date.now() - started) / 1000;
  console.error(`${vocabulary}: ${((await loaded.textContent()) ?? '').trim()}`);

  await page.getByRole('textbox', { name: 'Problem' }).fill(PROBLEM);
  await page.getByRole('button', { name: 'Solve' }).click();
  await page
    .getByRole('status', { name: 'Solve status' })
    .getByText('Done.')
    .waitFor({ timeout: 120_000 });
  const usage = page.getByLabel('Usage');
  const figure = async (name: string) => Number(await usage.getAttribute(name));
  const read = await figure('data-prompt-read');
  const cached = await figure('data-prompt-cached');
  const context = await figure('data-context-tokens');
  const completion = await figure('data-completion');
  // One call per model block plus the last, which writes only <|endofmessage|>.
  const calls = (await page.locator('[data-block="text"], [data-block="code"]').count()) + 1;
  // What the sandbox made of the code: a leading space written into a block shows here as an IndentationError.
  const cell = page.locator('[data-block="execution"]').first();
  console.error(
    `${vocabulary}: ${calls} calls, code ${JSON.stringify(await page.locator('[data-block="code"]').first().textContent())}, ` +
      `execution ${await cell.getAttribute('data-status')} ${JSON.stringify((await cell.textContent())?.slice(0, 80))}`,
  );
  const result = {
    read,
    cached,
    context,
    // A call's last token (the stop) is never fed back, every other generated token enters the KV cache as it is written.
    generatedInContext: completion - calls,
    loadSeconds,
    decode: await figure('data-decode-tps'),
    prefill: await figure('data-prefill-tps'),
  };
  await page.close();
  return result;
}

if (!existsSync(`${dist}/index.html`)) {
  console.error(`No build in ${dist}/: run \`npx vite build\` first.`);
  process.exit(1);
}
const server = await preview({
  build: { outDir: dist },
  preview: { port: 4373, strictPort: false },
  logLevel: 'silent',
});
const base = server.resolvedUrls?.local[0] ?? 'http://localhost:4373/';
const browser = await chromium.launch({
  executablePath: CHROMIUM_PATH,
  args: [...QUIET_CHROMIUM_ARGS, webgpu ? '--enable-unsafe-webgpu' : '--disable-webgpu'],
});
try {
  const own = await solveOnce(browser, base, 'pieces');
  const notGenerated = own.context - own.generatedInContext;
  line('prefill:tokens_read_per_problem', own.read, 'tokens', notGenerated);
  line(
    'prefill:reference_loop_tokens_read_per_problem',
    own.read + own.cached,
    'tokens',
    notGenerated,
  );
  line(
    'prefill:model_reads_per_context_token',
    (own.read + own.generatedInContext) / own.context,
    'ratio',
    1,
  );
  line(
    'prefill:reference_loop_reads_per_context_token',
    (own.read + own.cached + own.generatedInContext) / own.context,
    'ratio',
    1,
  );
  line('prefill:context_tokens', own.context, 'tokens', null);
  line('prefill:tokens_reused_from_cache', own.cached, 'tokens', null);
  line('load:test_model_seconds', own.loadSeconds, 's', null);
  line('decode:tokens_per_second', own.decode, 'tokens/s', null);
  line('prefill:tokens_per_second', own.prefill, 'tokens/s', null);

  const llama = await solveOnce(browser, base, 'llama');
  line(
    'prefill:tokens_read_per_problem_llama_vocab',
    llama.read,
    'tokens',
    llama.context - llama.generatedInContext,
  );
  line(
    'prefill:model_reads_per_context_token_llama_vocab',
    (llama.read + llama.generatedInContext) / llama.context,
    'ratio',
    1,
  );
  line('prefill:context_tokens_llama_vocab', llama.context, 'tokens', null);
} finally {
  await browser.close();
  await new Promise<void>((resolve) => server.httpServer.close(() => resolve()));
}

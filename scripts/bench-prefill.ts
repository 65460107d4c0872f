// Tokens read per problem by llama.cpp on the test model vs the reference loop (whole prompt per block); JSON lines out.
// Usage: npm run bench:prefill [-- --webgpu]   (builds dist/ first)
import { existsSync } from 'node:fs';
import { chromium } from '@playwright/test';
import { preview } from 'vite';
import { buildTestModel } from './test-model/tutor-test-model';

const webgpu = process.argv.includes('--webgpu');
const PROBLEM = 'What is (3 + 4) times 6?';
const MODEL_PATH = '/bench/tutor-test.gguf';

function line(name: string, value: number, unit: string, goal: number | null) {
  console.log(JSON.stringify({ name, value: Number(value.toFixed(3)), unit, goal }));
}

if (!existsSync('dist/index.html')) {
  console.error('No build in dist/: run `npx vite build` first.');
  process.exit(1);
}
const server = await preview({ preview: { port: 4373, strictPort: false }, logLevel: 'silent' });
const base = server.resolvedUrls?.local[0] ?? 'http://localhost:4373/';
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: [
    '--no-sandbox',
    '--disable-background-networking',
    '--no-first-run',
    webgpu ? '--enable-unsafe-webgpu' : '--disable-webgpu',
  ],
});
try {
  const page = await browser.newPage();
  const model = buildTestModel().bytes;
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
  const runtime = (await loaded.textContent()) ?? '';

  await page.getByRole('textbox', { name: 'Problem' }).fill(PROBLEM);
  await page.getByRole('button', { name: 'Solve' }).click();
  await page
    .getByRole('status', { name: 'Solve status' })
    .getByText('Done.')
    .waitFor({ timeout: 120_000 });
  const usage = page.getByLabel('Usage');
  const read = Number(await usage.getAttribute('data-prompt-read'));
  const cached = Number(await usage.getAttribute('data-prompt-cached'));
  const context = Number(await usage.getAttribute('data-context-tokens'));
  const completion = Number(await usage.getAttribute('data-completion'));
  // One call per model block plus the last, which writes only <|endofmessage|>.
  const calls = (await page.locator('[data-block="text"], [data-block="code"]').count()) + 1;
  const decode = Number(await usage.getAttribute('data-decode-tps'));
  const prefill = Number(await usage.getAttribute('data-prefill-tps'));

  console.error(runtime.trim());
  // A call's last token (the stop) is never fed back, every other generated token enters the KV cache as it is written.
  const generatedInContext = completion - calls;
  const notGenerated = context - generatedInContext;
  line('prefill:tokens_read_per_problem', read, 'tokens', notGenerated);
  line('prefill:reference_loop_tokens_read_per_problem', read + cached, 'tokens', notGenerated);
  line('prefill:model_reads_per_context_token', (read + generatedInContext) / context, 'ratio', 1);
  line(
    'prefill:reference_loop_reads_per_context_token',
    (read + cached + generatedInContext) / context,
    'ratio',
    1,
  );
  line('prefill:context_tokens', context, 'tokens', null);
  line('prefill:tokens_reused_from_cache', cached, 'tokens', null);
  line('load:test_model_seconds', loadSeconds, 's', null);
  line('decode:tokens_per_second', decode, 'tokens/s', null);
  line('prefill:tokens_per_second', prefill, 'tokens/s', null);
} finally {
  await browser.close();
  await new Promise<void>((resolve) => server.httpServer.close(() => resolve()));
}

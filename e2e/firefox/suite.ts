// The app in Firefox (Debian's firefox-esr, headless, driven over WebDriver BiDi by puppeteer-core): a subset of the
// Chromium end-to-end suite, by visible text and labels. Playwright drives only its own Firefox builds, so this
// suite has its own small runner. Usage: npm run test:firefox (after vite build; FIREFOX_PATH, FIREFOX_PORT).
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import puppeteer, { type Browser, type ElementHandle, type Page } from 'puppeteer-core';
import { startPreview } from '../../scripts/preview-server.ts';

const executablePath = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';
const port = Number(process.env.FIREFOX_PORT ?? 4273);
// The same build from a plain static host: no cross-origin isolation, and a second origin for the widget's host page.
const plainPort = port + 1;
const dist = process.env.E2E_DIST ?? 'dist';
const say = (line: string) => process.stdout.write(`${line}\n`);

/** Fails with what the page showed, so a failure in CI says what a student would have seen. */
async function waitForText(page: Page, pattern: RegExp, seconds = 60): Promise<string> {
  let text = '';
  for (let i = 0; i < seconds * 4; i++) {
    text = await page.evaluate(() => document.body.innerText);
    if (pattern.test(text)) return text;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`waited ${seconds} s for ${pattern}; the page showed:\n${text.slice(0, 1500)}`);
}

async function clickButton(page: Page, name: string) {
  const [button] = await page.$$(`xpath/.//button[normalize-space()="${name}"]`);
  if (!button) throw new Error(`no button "${name}"`);
  await button.click();
}

async function solve(page: Page, problem: string) {
  const box = await page.$('textarea#problem');
  if (!box) throw new Error('no problem box');
  await box.click({ count: 3 });
  await box.type(problem);
  await clickButton(page, 'Solve');
}

/** A fresh page that records the errors the page itself reports. */
async function open(browser: Browser, path: string, at = port) {
  const page = await browser.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(String(error)));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  await page.goto(`http://localhost:${at}${path}`, { waitUntil: 'load' });
  return { page, errors };
}

interface Case {
  name: string;
  run(browser: Browser): Promise<void>;
}

const TEST_MODEL = '/?testModel=/test-models/tutor-test.gguf';

const cases: Case[] = [
  {
    name: 'the page opens isolated, Python reports ready, and nothing is logged as an error',
    async run(browser) {
      const { page, errors } = await open(browser, '/');
      await waitForText(page, /Python: ready/);
      if (!(await page.evaluate(() => crossOriginIsolated)))
        throw new Error('not cross-origin isolated');
      if (errors.length) throw new Error(`errors: ${errors.join(' | ')}`);
      // Where the browser has no WebGPU the app says so and offers llama.cpp on the CPU.
      if (!(await page.evaluate(() => 'gpu' in navigator))) {
        await waitForText(page, /This browser has no WebGPU[\s\S]*runs on the CPU with llama\.cpp/);
      }
      await page.close();
    },
  },
  {
    name: 'a saved solution replays with its Python run live (SymPy) and shows its answer',
    async run(browser) {
      const { page } = await open(browser, '/');
      await waitForText(page, /Python: ready/);
      const input = await page.$('label.file-button input[type=file]');
      if (!input) throw new Error('no "Open saved solution" input');
      await (input as ElementHandle<HTMLInputElement>).uploadFile(
        new URL('../fixtures/quadratic.json', import.meta.url).pathname,
      );
      await waitForText(page, /Replay of a saved solution/);
      await clickButton(page, 'Solve');
      const text = await waitForText(page, /Done\./);
      // The recorded outputs are wrong on purpose: these come from SymPy in this browser.
      for (const expected of ['[-2, 3]', "NameError: name 'product' is not defined", '13']) {
        if (!text.includes(expected)) throw new Error(`the replay lacks ${expected}`);
      }
      await page.close();
    },
  },
  {
    name: 'the test model loads in llama.cpp and solves; the solve is kept in the history across a reload',
    async run(browser) {
      const { page } = await open(browser, TEST_MODEL);
      await waitForText(page, /Python: ready/);
      await clickButton(page, 'Load model');
      await waitForText(page, /is loaded: llama\.cpp \(wllama\) on CPU/, 90);
      await solve(page, 'What is (3 + 4) times 6?');
      const text = await waitForText(page, /Done\./, 90);
      if (!/Python printed 42/.test(text)) throw new Error('the model did not read back 42');
      await page.reload({ waitUntil: 'load' });
      await waitForText(page, /What is \(3 \+ 4\) times 6\?\s*\n.*solved · answer 42/);
      await page.close();
    },
  },
  ...[port, plainPort].map((at) => ({
    name: `Stop ends a solve while its cell runs, and the next solve finishes (${at === port ? 'isolated: interrupt' : 'plain host: a new worker'})`,
    async run(browser: Browser) {
      const { page } = await open(browser, TEST_MODEL, at);
      await waitForText(page, /Python: ready/);
      if ((await page.evaluate(() => crossOriginIsolated)) !== (at === port)) {
        throw new Error(`crossOriginIsolated is not ${at === port} on port ${at}`);
      }
      await clickButton(page, 'Load model');
      await waitForText(page, /is loaded: llama\.cpp/, 90);
      await solve(page, 'What is (3 + 4) times 6?');
      // The test model's code pauses 1.5 s: Stop lands while it runs.
      await page.waitForSelector('[data-block="execution"][data-status="running"]', {
        timeout: 60_000,
      });
      await clickButton(page, 'Stop');
      await waitForText(page, /Stopped\./);
      await clickButton(page, 'Solve');
      await waitForText(page, /Done\./, 90);
      await page.close();
    },
  })),
  {
    name: 'the widget embeds from another origin and says it is ready',
    async run(browser) {
      const widget = encodeURIComponent(`http://localhost:${port}/`);
      const { page } = await open(browser, `/embed-demo.html?widget=${widget}`, plainPort);
      await waitForText(page, /The widget is ready\./);
      await page.close();
    },
  },
];

/** `scripts/serve-static.ts` on `at`, resolved once it answers. */
async function startPlainHost(at: number) {
  const server = spawn('npx', ['tsx', 'scripts/serve-static.ts', dist, String(at)], {
    stdio: 'ignore',
    detached: true,
  });
  for (let i = 0; i < 150; i++) {
    const up = await fetch(`http://localhost:${at}/`).then(
      (r) => r.ok,
      () => false,
    );
    if (up) return { stop: () => server.pid && process.kill(-server.pid) };
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`the plain host did not start on port ${at}`);
}

async function main() {
  if (!existsSync(executablePath))
    throw new Error(`no Firefox at ${executablePath} (set FIREFOX_PATH)`);
  const server = await startPreview(dist, port);
  const plain = await startPlainHost(plainPort);
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath,
    headless: true,
    protocol: 'webDriverBiDi',
  });
  let failed = 0;
  const version = await browser.version();
  try {
    for (const test of cases) {
      const started = Date.now();
      try {
        await test.run(browser);
        say(`  ✓ [${version}] ${test.name} (${((Date.now() - started) / 1000).toFixed(1)}s)`);
      } catch (error) {
        failed++;
        say(
          `  ✘ [${version}] ${test.name}\n    ${error instanceof Error ? error.message : String(error)}`,
        );
      }
    }
  } finally {
    await browser.close();
    server.stop();
    plain.stop();
  }
  say(`${cases.length - failed} passed, ${failed} failed`);
  if (failed) process.exitCode = 1;
}

main().catch((error: unknown) => {
  console.error(`test:firefox: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});

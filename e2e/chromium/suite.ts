// The cross-browser cases in Chromium, the same ones Firefox and WebKit run, so the README's table compares like with
// like (the Playwright suite, npm run test:e2e, goes much further in Chromium). Debian's Chromium, headless, driven
// over the DevTools protocol by puppeteer-core, with WebGPU on as the Playwright suite has it. Usage: npm run
// test:chromium (after vite build; CHROMIUM_PATH, CHROMIUM_PORT, E2E_DIST, ONLY=<part of a case name>).
import { existsSync } from 'node:fs';
import puppeteer from 'puppeteer-core';
import { CHROMIUM_PATH, QUIET_CHROMIUM_ARGS } from '../../scripts/lib/chromium.ts';
import { puppeteerDriver } from '../browsers/puppeteer-driver.ts';
import { runCases } from '../browsers/run-cases.ts';

async function launch() {
  if (!existsSync(CHROMIUM_PATH))
    throw new Error(`no Chromium at ${CHROMIUM_PATH} (set CHROMIUM_PATH)`);
  const browser = await puppeteer.launch({
    browser: 'chrome',
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [...QUIET_CHROMIUM_ARGS, '--enable-unsafe-webgpu'],
  });
  return puppeteerDriver(browser, await browser.version());
}

runCases(launch, {
  key: 'chromium',
  port: Number(process.env.CHROMIUM_PORT ?? 4293),
  dist: process.env.E2E_DIST ?? 'dist',
  only: process.env.ONLY,
}).catch((error: unknown) => {
  console.error(`test:chromium: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});

// The cross-browser cases in Firefox: Debian's firefox-esr, headless, driven over WebDriver BiDi by puppeteer-core
// (Playwright drives only its own Firefox builds). Usage: npm run test:firefox (after vite build; FIREFOX_PATH,
// FIREFOX_PORT, E2E_DIST, ONLY=<part of a case name>).
import { existsSync } from 'node:fs';
import puppeteer from 'puppeteer-core';
import { puppeteerDriver } from '../browsers/puppeteer-driver.ts';
import { runCases } from '../browsers/run-cases.ts';

const executablePath = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';

async function launch() {
  if (!existsSync(executablePath))
    throw new Error(`no Firefox at ${executablePath} (set FIREFOX_PATH)`);
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath,
    headless: true,
    protocol: 'webDriverBiDi',
  });
  return puppeteerDriver(browser, await browser.version());
}

runCases(launch, {
  key: 'firefox',
  port: Number(process.env.FIREFOX_PORT ?? 4273),
  dist: process.env.E2E_DIST ?? 'dist',
  only: process.env.ONLY,
}).catch((error: unknown) => {
  console.error(`test:firefox: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});

// The cases' Page over puppeteer-core (Chromium through the DevTools protocol, Firefox through WebDriver BiDi).
import type { Browser, ElementHandle, Page as PuppeteerPage } from 'puppeteer-core';
import { findButton, type Driver, type Page } from './driver.ts';

function wrap(page: PuppeteerPage): Page {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(String(error)));
  page.on('console', (message) => {
    if (message.type() !== 'error') return;
    // Chromium's line for a failed request names only the status; the resource is its location.
    const from = message.location().url;
    errors.push(from && from !== page.url() ? `${message.text()} (${from})` : message.text());
  });
  return {
    async goto(url) {
      await page.goto(url, { waitUntil: 'load' });
    },
    async reload() {
      await page.reload({ waitUntil: 'load' });
    },
    evaluate: (fn, ...args) => page.evaluate(fn as never, ...args) as never,
    async inject(source) {
      await page.evaluate(source);
    },
    async clickButton(name) {
      const handle = await page.evaluateHandle(findButton, name);
      const button = handle.asElement() as ElementHandle<HTMLButtonElement> | null;
      if (!button) throw new Error(`no button "${name}"`);
      await button.click();
    },
    async fill(selector, text) {
      const field = await page.$(selector);
      if (!field) throw new Error(`nothing matches ${selector}`);
      await field.click({ count: 3 });
      await field.type(text);
    },
    async uploadFile(selector, file) {
      const input = (await page.$(selector)) as ElementHandle<HTMLInputElement> | null;
      if (!input) throw new Error(`nothing matches ${selector}`);
      await input.uploadFile(file);
    },
    errors: async () => [...errors],
    close: () => page.close(),
  };
}

export function puppeteerDriver(browser: Browser, engine: string): Driver {
  return {
    engine,
    newPage: async () => wrap(await browser.newPage()),
    close: () => browser.close(),
  };
}

// The cases' Page over puppeteer-core (Chromium through the DevTools protocol, Firefox through WebDriver BiDi).
import type {
  Browser,
  Dialog,
  ElementHandle,
  Frame as PuppeteerFrame,
  Page as PuppeteerPage,
} from 'puppeteer-core';
import { findButton, type Driver, type Frame, type Page } from './driver.ts';

function frameOf(frame: PuppeteerFrame | PuppeteerPage): Frame {
  return {
    evaluate: (fn, ...args) => frame.evaluate(fn as never, ...args) as never,
    async clickButton(name) {
      const handle = await frame.evaluateHandle(findButton, name);
      const button = handle.asElement() as ElementHandle<HTMLButtonElement> | null;
      if (!button) throw new Error(`no button "${name}"`);
      await button.click();
    },
  };
}

function wrap(page: PuppeteerPage, closeContext?: () => Promise<void>): Page {
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
    ...frameOf(page),
    async frame(selector) {
      const element = await page.$(selector);
      const frame = await element?.contentFrame();
      if (!frame) throw new Error(`no iframe matches ${selector}`);
      return frameOf(frame);
    },
    acceptNextDialog: (seconds = 60) =>
      new Promise<string>((resolve, reject) => {
        const accept = (dialog: Dialog) => {
          clearTimeout(timer);
          resolve(dialog.message());
          void dialog.accept();
        };
        const timer = setTimeout(() => {
          page.off('dialog', accept);
          reject(new Error(`no dialog in ${seconds} s`));
        }, seconds * 1000);
        page.once('dialog', accept);
      }),
    async inject(source) {
      await page.evaluate(source);
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
    async close() {
      await page.close();
      await closeContext?.();
    },
  };
}

export function puppeteerDriver(browser: Browser, engine: string): Driver {
  return {
    engine,
    async newPage({ freshProfile = false } = {}) {
      if (!freshProfile) return wrap(await browser.newPage());
      const context = await browser.createBrowserContext();
      return wrap(await context.newPage(), () => context.close());
    },
    close: () => browser.close(),
  };
}

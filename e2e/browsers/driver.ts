// The few things the cross-browser cases do to a page, so each case is written once and every engine's suite runs it.
// Firefox implements it over WebDriver BiDi (puppeteer-core), WebKit over classic WebDriver (WebKitWebDriver).

/** What a case does inside one document: the page's own, or an iframe's. */
export interface Frame {
  /** Runs `fn` in the document with JSON arguments; a returned promise is awaited. */
  evaluate<T, A extends unknown[]>(fn: (...args: A) => T | Promise<T>, ...args: A): Promise<T>;
  /** Clicks the button whose visible text or aria-label is `name`. */
  clickButton(name: string): Promise<void>;
}

export interface Page extends Frame {
  /** Navigates and waits for the load event. */
  goto(url: string): Promise<void>;
  reload(): Promise<void>;
  /** The document of the iframe `selector` finds in the page. */
  frame(selector: string): Promise<Frame>;
  /**
   * Accepts the next dialog the page opens (`confirm`, `alert`) and resolves with its message. Called before the
   * click that opens it: in some engines the click does not return while a dialog is open.
   */
  acceptNextDialog(seconds?: number): Promise<string>;
  /** Replaces the text of the field that `selector` finds, as a person typing. */
  fill(selector: string, text: string): Promise<void>;
  uploadFile(selector: string, file: string): Promise<void>;
  /** Runs a script's source as the driver's own code (the page's script policy forbids inline scripts and eval). */
  inject(source: string): Promise<void>;
  /** Errors the page reported (uncaught errors, rejections, console.error) since it was opened. */
  errors(): Promise<string[]>;
  close(): Promise<void>;
}

export interface Driver {
  /** Engine and version, as the report prints them. */
  readonly engine: string;
  /** A new tab; `freshProfile`: one that sees nothing earlier cases stored (every WebDriver session is one). */
  newPage(options?: { freshProfile?: boolean }): Promise<Page>;
  close(): Promise<void>;
}

/** In the page: the first button named `name` (visible text or aria-label), or null. */
export function findButton(name: string): HTMLButtonElement | null {
  const buttons = Array.from(document.querySelectorAll('button'));
  return (
    buttons.find(
      (b) =>
        (b.textContent ?? '').replace(/\s+/g, ' ').trim() === name ||
        b.getAttribute('aria-label') === name,
    ) ?? null
  );
}

/** Fails with what the page showed, so a failure in CI says what a student would have seen. */
export async function waitForText(page: Frame, pattern: RegExp, seconds = 60): Promise<string> {
  let text = '';
  const until = Date.now() + seconds * 1000;
  while (Date.now() < until) {
    text = await page.evaluate(() => document.body.innerText);
    if (pattern.test(text)) return text;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`waited ${seconds} s for ${pattern}; the page showed:\n${text.slice(0, 1500)}`);
}

/** Waits until `fn` returns true in the page. */
export async function waitFor<A extends unknown[]>(
  page: Frame,
  what: string,
  fn: (...args: A) => boolean,
  seconds: number,
  ...args: A
): Promise<void> {
  const until = Date.now() + seconds * 1000;
  while (Date.now() < until) {
    if (await page.evaluate(fn, ...args)) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`waited ${seconds} s for ${what}`);
}

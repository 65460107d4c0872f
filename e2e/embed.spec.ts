import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, test, type FrameLocator, type Page } from '@playwright/test';
import type { WidgetEvent, WidgetStats } from '../src/embed/protocol';
import { PROTOCOL, PROTOCOL_VERSION } from '../src/embed/protocol';
import { serveFixtures } from './helpers';

// The widget comes from the app's server (baseURL); the host page from a second server on another port, so the
// two are different origins as on a real site. 127.0.0.1 on that port is a third origin the widget must not obey.
let hostServer: Server;
let hostPort = 0;
let widgetBase = '';

const INTRUDER = `<!doctype html><title>intruder</title><p>A frame from a site the widget does not trust.</p>`;

// eslint-disable-next-line no-empty-pattern -- needs testInfo only
test.beforeAll(async ({}, testInfo) => {
  widgetBase = `${testInfo.project.use.baseURL ?? 'http://localhost:4173'}/`;
  // The host page is the app's own demo page, fetched from the app's server and served without its headers.
  const demo = await (await fetch(new URL('embed-demo.html', widgetBase))).text();
  hostServer = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://localhost').pathname;
    const isolated = path === '/isolated/embed-demo.html';
    const body =
      path === '/embed-demo.html' || isolated ? demo : path === '/intruder.html' ? INTRUDER : null;
    if (body === null) return response.writeHead(404).end();
    // /isolated/ is a host page that is itself cross-origin isolated.
    const isolation = isolated
      ? {
          'Cross-Origin-Opener-Policy': 'same-origin',
          'Cross-Origin-Embedder-Policy': 'require-corp',
        }
      : {};
    response.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', ...isolation }).end(body);
  });
  await new Promise<void>((resolve) => hostServer.listen(0, resolve));
  hostPort = (hostServer.address() as AddressInfo).port;
});

test.afterAll(async () => {
  await new Promise((resolve) => hostServer?.close(resolve));
});

test.beforeEach(async ({ page }) => {
  await serveFixtures(page);
});

const widget = (page: Page): FrameLocator => page.frameLocator('iframe[title="MathCoder Tutor"]');
const events = (page: Page) =>
  page.evaluate(() => (window as unknown as { widgetEvents: WidgetEvent[] }).widgetEvents);
const ofType = (list: WidgetEvent[], type: WidgetEvent['type']) =>
  list.filter((e) => e.type === type);
const stats = (page: Page) =>
  page.evaluate(() =>
    (window as unknown as { tutorWidget: { stats(): Promise<WidgetStats> } }).tutorWidget.stats(),
  );
const iframeHeight = (page: Page) =>
  page
    .locator('iframe[title="MathCoder Tutor"]')
    .evaluate((el) => el.getBoundingClientRect().height);

async function openHost(page: Page, query = '', path = '/embed-demo.html') {
  const url = new URL(`http://localhost:${hostPort}${path}`);
  url.searchParams.set('widget', widgetBase);
  for (const [key, value] of new URLSearchParams(query)) url.searchParams.set(key, value);
  await page.goto(url.href);
  await expect(page.getByRole('status', { name: 'Host status' })).toHaveText(
    'The widget is ready.',
  );
}

test('a host page on another origin solves through the host library and gets the answer', async ({
  page,
}) => {
  await openHost(page, 'playback=/fixtures/quadratic.json');
  const ready = ofType(await events(page), 'ready');
  expect(ready).toEqual([
    { type: 'ready', modes: ['solve', 'step', 'check'], languages: ['en'], theme: 'auto' },
  ]);

  // The iframe follows the widget's content height.
  await expect.poll(async () => ofType(await events(page), 'resize').length).toBeGreaterThan(0);
  const lastResize = async () => {
    const resizes = ofType(await events(page), 'resize');
    return (resizes.at(-1) as { height: number }).height;
  };
  // The iframe's height is the last reported content height (never below the library's 240 px minimum).
  const followsContent = async () =>
    Math.abs((await iframeHeight(page)) - Math.max(240, await lastResize()));
  await expect.poll(followsContent).toBeLessThanOrEqual(1);
  const before = await iframeHeight(page);

  await expect(widget(page).getByRole('status', { name: 'Python status' })).toHaveText(/ready/, {
    timeout: 60_000,
  });
  await page.getByRole('button', { name: 'Solve in the widget' }).click();
  await expect(page.getByRole('status', { name: 'Host status' })).toHaveText(
    'The widget answered 13.',
    { timeout: 60_000 },
  );

  const list = await events(page);
  expect(ofType(list, 'answer')).toEqual([
    {
      type: 'answer',
      problem: 'Solve x^2 - x - 6 = 0. What is the sum of the squares of its roots?',
      answer: '13',
    },
  ]);
  // Every execution was computed by Python in the widget, not taken from the recording.
  const outputs = ofType(list, 'block').filter((b) => b.type === 'block' && b.kind === 'execution');
  expect(outputs.map((b) => (b as { text: string }).text.trim())).toEqual([
    '[-2, 3]',
    expect.stringContaining("NameError: name 'product' is not defined"),
    '13',
  ]);
  expect(ofType(list, 'progress')).toContainEqual({
    type: 'progress',
    stage: 'solve',
    fraction: 1,
    text: 'Done',
  });
  await expect(widget(page).getByRole('region', { name: 'Answer' })).toContainText('13');
  // The widget keeps no solve history: nothing stored on the tutor's site can reach a host.
  const databases = await page
    .frame({ url: /embed\.html/ })!
    .evaluate(async () => (await indexedDB.databases()).map((d) => d.name));
  expect(databases).not.toContain('mathcoder-tutor-history');

  // The trace made the widget taller, and the iframe grew with it; a reset shrinks both.
  await expect.poll(() => iframeHeight(page)).toBeGreaterThan(before + 100);
  await expect.poll(followsContent).toBeLessThanOrEqual(1);
  const solved = await iframeHeight(page);
  await page.getByRole('button', { name: 'Reset the widget' }).click();
  await expect(page.getByRole('status', { name: 'Host status' })).toHaveText(
    'The widget was reset.',
  );
  await expect(widget(page).getByRole('region', { name: 'Answer' })).toHaveCount(0);
  await expect.poll(() => iframeHeight(page)).toBeLessThan(solved - 100);

  // Themes are applied inside the widget.
  const background = () =>
    widget(page)
      .locator('body')
      .evaluate((body) => getComputedStyle(body).backgroundColor);
  await page.getByLabel('Theme').selectOption('dark');
  await expect(widget(page).locator('html')).toHaveAttribute('data-theme', 'dark');
  await expect.poll(background).toBe('rgb(17, 20, 24)');
  await page.getByLabel('Theme').selectOption('light');
  await expect.poll(background).toBe('rgb(246, 247, 249)');
});

test('commands from an untrusted origin are ignored and counted', async ({ page }) => {
  const modelRequests: string[] = [];
  page.on('request', (r) => {
    // Weights: GGUF parts and MLC shards (the small models.json listing is not a download, nor a HEAD that asks
    // whether a model's first file is there).
    if (/\.gguf\b|params_shard_/.test(r.url()) && r.method() !== 'HEAD')
      modelRequests.push(r.url());
  });
  // A preselected model is only selected: nothing is downloaded without a click in the widget.
  await openHost(page, 'model=MathCoder-L-7B-Q4_0-GGUF&mode=step');
  await expect(widget(page).getByRole('combobox', { name: /Model/ })).toHaveValue(
    'MathCoder-L-7B-Q4_0-GGUF',
  );
  const start = await stats(page);
  expect(start.untrusted).toBe(0);

  // A frame from another origin on the host page finds the widget's window and sends it a valid command.
  await page.evaluate((src) => {
    const frame = document.createElement('iframe');
    frame.src = src;
    frame.title = 'intruder';
    document.body.append(frame);
    return new Promise((resolve) => (frame.onload = resolve));
  }, `http://127.0.0.1:${hostPort}/intruder.html`);
  const intruder = page.frame({ url: /intruder\.html/ });
  expect(intruder).not.toBeNull();
  await intruder!.evaluate(
    ({ protocol, version }) => {
      const target = window.parent.frames[0]!;
      for (const command of [
        { type: 'solve', problem: 'Intruder problem' },
        { type: 'set-theme', theme: 'dark' },
      ]) {
        target.postMessage({ protocol, version, id: 'x1', command }, '*');
      }
    },
    { protocol: PROTOCOL, version: PROTOCOL_VERSION },
  );

  let asked = 0;
  await expect
    .poll(async () => {
      asked++;
      return (await stats(page)).untrusted;
    })
    .toBe(2);
  // The only commands accepted since are the host's own stats requests.
  expect((await stats(page)).accepted).toBe(start.accepted + asked + 1);
  await expect(widget(page).getByRole('textbox', { name: 'Problem' })).not.toHaveValue(/Intruder/);
  await expect(widget(page).getByRole('status', { name: 'Solve status' })).toHaveText('');
  await expect(widget(page).locator('html')).not.toHaveAttribute('data-theme', 'dark');

  // The host's own solve, with no model loaded, fills the box and ends with a clear error, not a download.
  await page.getByRole('button', { name: 'Solve in the widget' }).click();
  await expect(page.getByRole('status', { name: 'Host status' })).toHaveText(
    /^Not solved: Solving needs a model/,
  );
  await expect(widget(page).getByRole('textbox', { name: 'Problem' })).toHaveValue(/x\^2 - x - 6/);
  await expect(widget(page).getByRole('radio', { name: 'Step by step' })).toBeChecked();
  expect(ofType(await events(page), 'error')).toContainEqual({
    type: 'error',
    error: expect.objectContaining({ code: 'model-not-loaded' }),
  });
  expect(modelRequests).toEqual([]);
});

test('malformed and oversized messages are ignored and the widget keeps working', async ({
  page,
}) => {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  // Also a phone-sized host page.
  await page.setViewportSize({ width: 360, height: 780 });
  await openHost(page, 'playback=/fixtures/quadratic.json');

  await page.evaluate(
    ({ protocol, version, origin }) => {
      const target = document.querySelector('iframe')!.contentWindow!;
      const envelope = { protocol, version, id: 'm1' };
      for (const data of [
        'solve 2+2',
        null,
        { ...envelope },
        { ...envelope, command: { type: 'eval', code: 'alert(1)' } },
        { ...envelope, version: 99, command: { type: 'reset' } },
        { ...envelope, command: { type: 'solve', problem: 'x'.repeat(20_000) } },
        { ...envelope, command: { type: 'reset' }, padding: 'y'.repeat(100_000) },
      ]) {
        target.postMessage(data, origin);
      }
    },
    { protocol: PROTOCOL, version: PROTOCOL_VERSION, origin: new URL(widgetBase).origin },
  );
  await expect.poll(async () => (await stats(page)).malformed).toBe(5);
  expect(await stats(page)).toMatchObject({ oversized: 2, untrusted: 0 });

  // Still usable: the next real command is carried out.
  await expect(widget(page).getByRole('status', { name: 'Python status' })).toHaveText(/ready/, {
    timeout: 60_000,
  });
  await page.getByRole('button', { name: 'Solve in the widget' }).click();
  await expect(page.getByRole('status', { name: 'Host status' })).toHaveText(
    'The widget answered 13.',
    { timeout: 60_000 },
  );
  expect(errors).toEqual([]);
  const overflow = await page
    .frame({ url: /embed\.html/ })!
    .evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow, 'no sideways scrolling inside the widget on a phone').toBeLessThanOrEqual(0);
});

test('the app refuses to be framed, the widget page allows it, and the library loads as a module', async ({
  page,
  request,
}) => {
  const app = await request.get('/');
  expect(app.headers()['content-security-policy']).toMatch(/; frame-ancestors 'none'$/);
  expect(app.headers()['x-frame-options']).toBe('DENY');
  const embed = await request.get('/embed.html');
  expect(embed.headers()['content-security-policy']).toMatch(/; frame-ancestors [^;']+$/);
  expect(embed.headers()['content-security-policy']).not.toContain("frame-ancestors 'none'");
  expect(embed.headers()['x-frame-options']).toBeUndefined();

  await openHost(page);
  // Framed by the host, the app is blocked by the browser (its page never appears); the widget page is not.
  const framedPage = async (name: string, src: string) => {
    await page.evaluate(
      ({ name, src }) => {
        const frame = document.createElement('iframe');
        frame.name = name;
        frame.src = src;
        document.body.append(frame);
        return new Promise((resolve) => (frame.onload = resolve));
      },
      { name, src },
    );
    const frame = page.frame({ name });
    expect(frame).not.toBeNull();
    return frame!.evaluate(() => document.getElementById('root') !== null).catch(() => false);
  };
  expect(await framedPage('framed-app', widgetBase)).toBe(false);
  expect(await framedPage('framed-widget', `${widgetBase}embed.html`)).toBe(true);

  // The ES module build mounts a second widget from the host's own script.
  const mounted = await page.evaluate(async (url) => {
    const library = (await import(url)) as {
      mount(el: HTMLElement, o: object): { ready: Promise<{ type: string }> };
    };
    const box = document.createElement('div');
    document.body.append(box);
    return (await library.mount(box, { title: 'Second tutor' }).ready).type;
  }, `${widgetBase}embed.mjs`);
  expect(mounted).toBe('ready');
});

test('the widget is cross-origin isolated only inside a host page that is', async ({ page }) => {
  const isolated = () =>
    page.frame({ url: /embed\.html/ })!.evaluate(() => self.crossOriginIsolated);
  await openHost(page);
  expect(await isolated()).toBe(false);

  // An isolated host can still load the library and frame the widget, which then can interrupt Python in place.
  await openHost(page, '', '/isolated/embed-demo.html');
  expect(await page.evaluate(() => self.crossOriginIsolated)).toBe(true);
  expect(await isolated()).toBe(true);
});

test('a model the reader loads in the widget reports progress and solves the host’s problem', async ({
  page,
}) => {
  await openHost(page);
  // A second widget offering the generated test GGUF (same-origin to the widget), mounted by the host's own code.
  const src = `${widgetBase}embed.html?testModel=/test-models/tutor-test.gguf`;
  await page.evaluate((src) => {
    const box = document.createElement('div');
    document.body.prepend(box);
    const seen: unknown[] = [];
    const tutor = (
      window as unknown as {
        MathCoderTutor: {
          mount(
            el: HTMLElement,
            o: object,
          ): { on(t: string, l: (e: unknown) => void): void; solve(p: string): Promise<unknown> };
        };
      }
    ).MathCoderTutor.mount(box, { src, title: 'Tutor with a test model' });
    for (const type of ['progress', 'answer', 'error']) tutor.on(type, (e) => seen.push(e));
    Object.assign(window, { testTutor: tutor, testEvents: seen });
  }, src);
  const frame = page.frameLocator('iframe[title="Tutor with a test model"]');
  await expect(frame.getByRole('combobox', { name: 'Model' })).toHaveValue('test-model-gguf');
  // The widget grows while Python loads; a click meant for a moving button would land elsewhere.
  await expect(frame.getByRole('status', { name: 'Python status' })).toHaveText(/ready/, {
    timeout: 60_000,
  });
  // The download starts only with the reader's click inside the widget, confirmed in the browser's own dialog.
  const asked: string[] = [];
  page.on('dialog', (dialog) => {
    asked.push(dialog.message());
    void dialog.accept();
  });
  await frame.getByRole('button', { name: 'Load model' }).click();
  await expect(frame.getByText(/is loaded: llama\.cpp/)).toBeVisible({ timeout: 60_000 });
  expect(asked).toEqual([
    expect.stringMatching(
      /^Download Test model, not MathCoder .* into this browser and load it\?$/,
    ),
  ]);
  const testEvents = () =>
    page.evaluate(() => (window as unknown as { testEvents: WidgetEvent[] }).testEvents);
  const modelProgress = ofType(await testEvents(), 'progress').filter(
    (e) => e.type === 'progress' && e.stage === 'model',
  );
  expect(modelProgress.at(-1)).toEqual({
    type: 'progress',
    stage: 'model',
    fraction: 1,
    text: 'Model loaded',
  });

  const result = await page.evaluate(() =>
    (window as unknown as { testTutor: { solve(p: string): Promise<unknown> } }).testTutor.solve(
      'What is (3 + 4) times 6?',
    ),
  );
  expect(result).toEqual({ status: 'done', answer: '42' });
  expect(ofType(await testEvents(), 'answer')).toEqual([
    { type: 'answer', problem: 'What is (3 + 4) times 6?', answer: '42' },
  ]);
});

test('a host page that makes the widget nearly transparent cannot start the model download', async ({
  page,
}) => {
  const modelRequests: string[] = [];
  page.on('request', (r) => {
    // Weights, not the HEAD that asks whether a model's first file is on the site.
    if (new URL(r.url()).pathname.endsWith('.gguf') && r.method() !== 'HEAD')
      modelRequests.push(r.url());
  });
  // The reader did not mean to click the widget, so they decline whatever the browser asks.
  const asked: string[] = [];
  let answer = false;
  page.on('dialog', (dialog) => {
    asked.push(dialog.message());
    void (answer ? dialog.accept() : dialog.dismiss());
  });
  await openHost(page);
  const src = `${widgetBase}embed.html?testModel=/test-models/tutor-test.gguf`;
  // The classic trap: the widget at opacity 0.001 over the host's own button.
  await page.evaluate((src) => {
    const box = document.createElement('div');
    box.style.opacity = '0.001';
    document.body.prepend(box);
    (
      window as unknown as {
        MathCoderTutor: { mount(el: HTMLElement, o: object): unknown };
      }
    ).MathCoderTutor.mount(box, { src, title: 'Hidden tutor' });
    Object.assign(window, { hiddenBox: box });
  }, src);
  const frame = page.frameLocator('iframe[title="Hidden tutor"]');
  await expect(frame.getByRole('combobox', { name: 'Model' })).toHaveValue('test-model-gguf');
  // The widget grows while Python loads; a click meant for a moving button would land elsewhere.
  await expect(frame.getByRole('status', { name: 'Python status' })).toHaveText(/ready/, {
    timeout: 60_000,
  });
  await frame.getByRole('button', { name: 'Load model' }).click();
  // The browser reports the widget hidden, so Load model is refused without even asking.
  await expect(frame.getByRole('alert')).toContainText('The tutor is hidden on this page');
  expect(asked).toEqual([]);
  expect(modelRequests).toEqual([]);

  // Shown as it is and confirmed, the same click loads the model (once the browser's next visibility report has come).
  await page.evaluate(() => {
    (window as unknown as { hiddenBox: HTMLElement }).hiddenBox.style.opacity = '1';
  });
  await page.waitForTimeout(500);
  answer = true;
  await frame.getByRole('button', { name: 'Load model' }).click();
  await expect(frame.getByText(/is loaded: llama\.cpp/)).toBeVisible({ timeout: 60_000 });
  expect(asked.at(-1)).toMatch(/^Download .* into this browser and load it\?$/);
  expect(modelRequests.length).toBeGreaterThan(0);
});

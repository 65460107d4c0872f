// The cross-browser cases: a small subset of the Chromium suite, by visible text, roles and labels, written once
// against `Page` and run by each engine's suite (e2e/firefox, e2e/webkit).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { startStandInHub } from '../../scripts/servers/stand-in-hub.ts';
import { startPwaServer } from '../pwa-server.ts';
import { waitFor, waitForText, type Driver, type Page } from './driver.ts';

export interface Hosts {
  /** The production build under `vite preview`: cross-origin isolated. */
  isolated: string;
  /** The same build from a plain static host: no isolation, and a second origin for the widget's host page. */
  plain: string;
  dist: string;
}

export interface Case {
  /** The row of the README's browser table this case stands for. */
  name: string;
  /** Resolves with what the table's cell says when it passed ("yes" unless there is more to say). */
  run(driver: Driver, hosts: Hosts): Promise<string | void>;
}

const TEST_MODEL = '/?testModel=/test-models/tutor-test.gguf';
// The default model's repository, as the catalog names it; a stand-in hub serves the test GGUF there.
const DEFAULT_HUB_REPO = 'RichardErkhov/MathLLMs_-_MathCoder-L-7B-gguf';
const PROBLEM = 'What is (3 + 4) times 6?';

async function open(
  driver: Driver,
  url: string,
  options?: { freshProfile?: boolean },
): Promise<Page> {
  const page = await driver.newPage(options);
  await page.goto(url);
  return page;
}

async function solve(page: Page, problem: string) {
  await page.fill('textarea#problem', problem);
  await page.clickButton('Solve');
}

const hasWebGpu = (page: Page) => page.evaluate(() => 'gpu' in navigator);
const hasJspi = (page: Page) =>
  page.evaluate(() => 'Suspending' in (WebAssembly as unknown as Record<string, unknown>));

/** Where the engine cannot run llama.cpp the app says so in words; the case checks those words instead. */
async function loadTestModel(page: Page): Promise<'loaded' | 'not here'> {
  await page.clickButton('Load model');
  const text = await waitForText(page, /is loaded: llama\.cpp|needs another browser/i, 120);
  return /is loaded: llama\.cpp/.test(text) ? 'loaded' : 'not here';
}

/**
 * The page's main text, read from the document: blocks off screen skip rendering (content-visibility: auto), and
 * WebKit leaves them out of innerText.
 */
const solutionText = (page: Page) =>
  page.evaluate(() => document.querySelector('main')?.textContent ?? '');

/** The solution's text once it holds `expected`, or as it stands after `seconds`. */
async function solutionWith(page: Page, expected: string, seconds: number): Promise<string> {
  const until = Date.now() + seconds * 1000;
  let text = await solutionText(page);
  while (!text.includes(expected) && Date.now() < until) {
    await new Promise((resolve) => setTimeout(resolve, 250));
    text = await solutionText(page);
  }
  return text;
}

async function playBackQuadratic(page: Page) {
  await page.uploadFile(
    'label.file-button input[type=file]',
    new URL('../fixtures/quadratic.json', import.meta.url).pathname,
  );
  await waitForText(page, /Playback of a saved solution/);
  await page.clickButton('Solve');
  await waitForText(page, /Done\./);
  // The recorded outputs are wrong on purpose: these come from SymPy here.
  const text = await solutionText(page);
  for (const expected of ['[-2, 3]', "NameError: name 'product' is not defined", '13']) {
    if (!text.includes(expected)) {
      throw new Error(`the playback lacks ${expected}; the page showed:\n${text.slice(0, 1500)}`);
    }
  }
}

/** The page fits its window's width: no sideways scrollbar, which in WebKitGTK also takes clicks near the bottom. */
async function expectNoSidewaysScroll(page: Page) {
  const { scrollWidth, clientWidth } = await page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    clientWidth: document.documentElement.clientWidth,
  }));
  if (scrollWidth > clientWidth) {
    throw new Error(
      `the page scrolls sideways: ${scrollWidth} px wide in a ${clientWidth} px window`,
    );
  }
}

const axeSource = readFileSync(
  createRequire(import.meta.url).resolve('axe-core/axe.min.js'),
  'utf8',
);

interface AxeFinding {
  id: string;
  impact: string | null;
  targets: string[];
}

/** axe-core's own source injected into the page; WCAG 2.1 A/AA and best practice, as the Chromium suite checks. */
async function seriousAxeFindings(page: Page): Promise<{ serious: AxeFinding[]; passes: number }> {
  await page.inject(axeSource);
  return page.evaluate(async () => {
    const win = window as unknown as {
      axe?: {
        run(
          context: Document,
          options: object,
        ): Promise<{
          violations: { id: string; impact: string | null; nodes: { target: string[] }[] }[];
          passes: unknown[];
        }>;
      };
    };
    const results = await win.axe!.run(document, {
      runOnly: {
        type: 'tag',
        values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'],
      },
    });
    return {
      serious: results.violations
        .filter((v) => v.impact === 'serious' || v.impact === 'critical')
        .map((v) => ({
          id: v.id,
          impact: v.impact,
          targets: v.nodes.map((n) => n.target.join(' ')),
        })),
      passes: results.passes.length,
    };
  });
}

export const cases: Case[] = [
  {
    name: 'Page opens cross-origin isolated, no errors logged; Python ready',
    async run(driver, { isolated }) {
      const page = await open(driver, `${isolated}/`);
      const text = await waitForText(page, /Python: ready/);
      if (!(await page.evaluate(() => crossOriginIsolated)))
        throw new Error('not cross-origin isolated');
      if (/Something went wrong/.test(text)) throw new Error(`the page shows an error:\n${text}`);
      // Where the driver's page records errors itself (WebKit), it must have started before the app's scripts ran.
      const since = await page.evaluate(
        () => (window as unknown as { recordingSince?: string }).recordingSince,
      );
      if (since !== undefined && since !== 'loading') {
        throw new Error(`errors were recorded only from document.readyState "${since}" on`);
      }
      // A 404 for a self-hosted model's first file is how the app learns this site serves none; Chromium logs each.
      const errors = (await page.errors()).filter(
        (error) => !/status of 404 .*\(http[^ ]*\/models\/[^ ]+\)$/.test(error),
      );
      if (errors.length) throw new Error(`errors: ${errors.join(' | ')}`);
      await page.close();
    },
  },
  {
    name: 'WebGPU, as the app reports it',
    async run(driver, { isolated }) {
      const page = await open(driver, `${isolated}/`);
      const text = await waitForText(page, /WebGPU: (?!checking)/);
      const reported = /WebGPU: ([^\n]*)/.exec(text)![1]!.trim();
      let cell: string;
      if (await hasWebGpu(page)) {
        if (reported === 'not available')
          throw new Error('the browser has WebGPU, the app says none');
        cell = /swiftshader/i.test(reported) ? `software (${reported})` : `yes (${reported})`;
      } else {
        // Where the browser has no WebGPU the app says so and offers llama.cpp on the CPU.
        await waitForText(page, /This browser has no WebGPU[\s\S]*runs on the CPU with llama\.cpp/);
        cell = 'none: the app says so, llama.cpp on the CPU';
      }
      await page.close();
      return cell;
    },
  },
  {
    name: 'A saved solution replays with SymPy run live and shows its answer',
    async run(driver, { isolated }) {
      const page = await open(driver, `${isolated}/`);
      await waitForText(page, /Python: ready/);
      await playBackQuadratic(page);
      await page.close();
    },
  },
  {
    name: 'llama.cpp (CPU) loads the test model and solves; history kept across a reload',
    async run(driver, { isolated }) {
      const page = await open(driver, `${isolated}${TEST_MODEL}`);
      await waitForText(page, /Python: ready/);
      const jspi = await hasJspi(page);
      if ((await loadTestModel(page)) === 'not here') {
        if (jspi) throw new Error('the app refused llama.cpp where JSPI exists');
        await page.close();
        return 'no: the app says llama.cpp needs another browser';
      }
      await solve(page, PROBLEM);
      await waitForText(page, /Done\./, 90);
      const trace = await solutionText(page);
      if (!trace.includes('Python printed 42')) {
        throw new Error(
          `the model did not read back 42; the page showed:\n${trace.slice(0, 1500)}`,
        );
      }
      await page.reload();
      await waitForText(page, /What is \(3 \+ 4\) times 6\?\s*\n.*solved · answer 42/);
      await page.close();
      // wllama runs its compat build wherever WebAssembly lacks JSPI; the app serves that build itself.
      return jspi ? 'yes' : "yes, with wllama's compat build (no JSPI)";
    },
  },
  ...(['isolated', 'plain'] as const).map((host) => ({
    name: `Stop during a cell (${host === 'isolated' ? 'isolated: interrupt' : 'plain host: a new worker'})`,
    async run(driver: Driver, hosts: Hosts) {
      const page = await open(driver, `${hosts[host]}${TEST_MODEL}`);
      await waitForText(page, /Python: ready/);
      if ((await page.evaluate(() => crossOriginIsolated)) !== (host === 'isolated')) {
        throw new Error(`crossOriginIsolated is not ${host === 'isolated'} on ${hosts[host]}`);
      }
      const model = await loadTestModel(page);
      if (model === 'loaded') {
        await solve(page, PROBLEM);
      } else {
        // Without a model, a played-back endless loop is the running cell to stop.
        await page.uploadFile(
          'label.file-button input[type=file]',
          new URL('../fixtures/endless-loop.json', import.meta.url).pathname,
        );
        await waitForText(page, /Playback of a saved solution/);
        await page.clickButton('Solve');
      }
      // The test model's code pauses 1.5 s: Stop lands while it runs.
      await waitFor(
        page,
        'a running cell',
        () => document.querySelector('[data-block="execution"][data-status="running"]') !== null,
        60,
      );
      await page.clickButton('Stop');
      await waitForText(page, /Stopped\./);
      // On a plain host Stop replaces the Python worker: Solve waits for the new one.
      await waitForText(page, /Python: ready/);
      if (model === 'loaded') {
        await page.clickButton('Solve');
        await waitForText(page, /Done\./, 90);
      } else {
        await playBackQuadratic(page);
      }
      await page.close();
    },
  })),
  ...(['default', 'pasted'] as const).map((which) => ({
    name:
      which === 'default'
        ? 'MathCoder-L 7B chosen from a hub that answers as huggingface.co does: resolved, downloaded by Range with no preflight, checked, solved'
        : 'A GGUF pasted as hf.co/owner/repo:TAG from that hub: resolved, its header read, downloaded with no preflight, solved',
    async run(driver: Driver, { dist }: Hosts) {
      const file = `MathCoder-L-7B.${which === 'default' ? 'Q4_0' : 'Q3_K'}.gguf`;
      const hub = await startStandInHub(
        ['Q4_0', 'Q3_K'].map((tag) => ({
          repo: DEFAULT_HUB_REPO,
          file: `MathCoder-L-7B.${tag}.gguf`,
          path: 'public/test-models/tutor-test.gguf',
        })),
      );
      // The build's page policy lets the page reach the stand-in's two loopback origins, and models.json names the
      // stand-in as the hub, as a school's mirror would be named.
      const index = readFileSync(`${dist}/index.html`, 'utf8').replace(
        "connect-src 'self'",
        `connect-src 'self' ${hub.hubUrl} ${hub.cdnUrl}`,
      );
      const server = await startPwaServer(dist, {
        isolated: true,
        extraFiles: {
          '/': Buffer.from(index),
          '/index.html': Buffer.from(index),
          '/models/models.json': Buffer.from(
            JSON.stringify({ version: 1, hub: hub.hubUrl, models: [] }),
          ),
        },
      });
      try {
        const page = await open(driver, `${server.origin}/?pieceBytes=65536&splitBytes=50000`, {
          freshProfile: true,
        });
        // Without WebGPU the first visit preselects the small rung, so MathCoder is chosen as a student would.
        await waitFor(
          page,
          `the option naming ${DEFAULT_HUB_REPO}:Q4_0`,
          (part: string) => {
            const select = document.querySelector<HTMLSelectElement>('.model-row select');
            const option = [...(select?.options ?? [])].find((o) => o.text.includes(part));
            if (!select || !option) return false;
            select.value = option.value;
            select.dispatchEvent(new Event('change', { bubbles: true }));
            return true;
          },
          60,
          `(${DEFAULT_HUB_REPO}:Q4_0)`,
        );
        await waitForText(
          page,
          new RegExp(`from 127\\.0\\.0\\.1:\\d+ \\(${DEFAULT_HUB_REPO}:Q4_0\\)`),
        );
        if (which === 'pasted') {
          await page.fill('form.add-hub-model input', `hf.co/${DEFAULT_HUB_REPO}:q3_k`);
          await page.clickButton('Add from the hub');
          await waitForText(
            page,
            new RegExp(
              `${DEFAULT_HUB_REPO}:q3_k \\(MathCoder format, llama\\.cpp\\) was added and selected`,
            ),
          );
        }
        const jspi = await hasJspi(page);
        if ((await loadTestModel(page)) === 'not here') {
          if (jspi) throw new Error('the app refused llama.cpp where JSPI exists');
          await page.close();
          return 'no: the app says llama.cpp needs another browser';
        }
        // Python starts beside the download; a loaded machine may still be importing SymPy.
        await waitForText(page, /Python: ready/, 180);
        // The option names the hub repository: long enough that WebKit scrolled the page sideways for it.
        await expectNoSidewaysScroll(page);
        await solve(page, PROBLEM);
        await waitForText(page, /Done\./, 90);
        // A loaded engine may paint the last block a moment after the status says Done.
        const trace = await solutionWith(page, 'Python printed 42', 30);
        if (!trace.includes('Python printed 42')) {
          throw new Error(
            `the model did not read back 42; the page showed:\n${trace.slice(0, 1500)}`,
          );
        }
        await page.close();
        const preflights = hub.requests.filter((r) => r.method === 'OPTIONS');
        const pieces = hub.requests.filter((r) => r.origin === 'cdn' && r.status === 206);
        const api = hub.requests.filter((r) => r.path.startsWith('/api/models/'));
        // Pinned to the commit the API named, and the file the tag picked.
        const resolved = hub.requests.filter(
          (r) => r.origin === 'hub' && /\/resolve\/[0-9a-f]{40}\//.test(r.path),
        );
        if (
          preflights.length > 0 ||
          api.length < 2 ||
          (which === 'default' && api.length !== 2) ||
          pieces.length < 2 ||
          resolved.length === 0 ||
          !resolved.every((r) => r.path.endsWith(`/${file}`))
        ) {
          throw new Error(
            `expected the API calls, ${file} by Range from its commit and no preflight; the hub saw:\n${JSON.stringify(hub.requests)}`,
          );
        }
        return `yes: ${pieces.length} pieces by Range, no preflight`;
      } finally {
        await server.close();
        await hub.close();
      }
    },
  })),
  {
    name: 'History survives a reload',
    async run(driver, { isolated }) {
      const page = await open(driver, `${isolated}/`);
      await waitForText(page, /Python: ready/);
      await playBackQuadratic(page);
      await page.reload();
      await waitForText(page, /Python: ready/);
      await waitForText(page, /Solve x\^2 - x - 6 = 0[^\n]*\n[^\n]*solved/);
      await page.close();
    },
  },
  {
    name: 'Offline after the first visit (service worker)',
    async run(driver, { dist }) {
      // A host of its own, so it can be shut down: the second load has no server to reach.
      const server = await startPwaServer(dist, { isolated: true });
      const page = await open(driver, `${server.origin}/`);
      try {
        await waitForText(page, /The app works offline/, 120);
        await waitFor(
          page,
          'the service worker to control the page',
          () => navigator.serviceWorker.controller !== null,
          30,
        );
      } finally {
        await server.close();
      }
      await page.reload();
      await waitForText(page, /Python: ready/, 90);
      await playBackQuadratic(page);
      await page.close();
    },
  },
  {
    name: 'The widget embeds from another origin and answers solve',
    async run(driver, { isolated, plain }) {
      const widget = encodeURIComponent(`${isolated}/`);
      const page = await open(driver, `${plain}/embed-demo.html?widget=${widget}`);
      await waitForText(page, /The widget is ready\./);
      await page.clickButton('Solve in the widget');
      // No model is loaded in the widget: its answer to solve is the words that say so, sent back to the host.
      await waitForText(page, /Not solved: Solving needs a model/);
      await page.close();
    },
  },
  {
    name: 'A reader loads the test model in the widget, confirms, and it solves the host’s problem',
    async run(driver, { isolated, plain }) {
      const widget = encodeURIComponent(`${isolated}/`);
      // Nothing stored by earlier cases: the widget has to download the model, which needs the reader's yes.
      const page = await open(driver, `${plain}/embed-demo.html?widget=${widget}`, {
        freshProfile: true,
      });
      await waitForText(page, /The widget is ready\./);
      // A second widget, offering the generated test GGUF from its own origin, mounted by the host's own code while
      // the first one's Python is still starting: WebKit now and then fails one of several workers starting at once.
      await page.evaluate((src) => {
        const box = document.createElement('div');
        document.body.prepend(box);
        const win = window as unknown as {
          MathCoderTutor: { mount(el: HTMLElement, o: object): unknown };
          testTutor: unknown;
        };
        win.testTutor = win.MathCoderTutor.mount(box, { src, title: 'Tutor with a test model' });
      }, `${isolated}/embed.html?testModel=/test-models/tutor-test.gguf`);
      const frame = await page.frame('iframe[title="Tutor with a test model"]');
      for (const widget of [
        frame,
        await page.frame('iframe:not([title="Tutor with a test model"])'),
      ]) {
        const text = await waitForText(widget, /Python: (ready|failed)/, 90);
        if (!/Python: ready/.test(text))
          throw new Error(`a widget's Python failed:\n${text.slice(0, 1500)}`);
      }
      // Where the browser never answers the storage estimate (WebKit in a third-party frame), no "checking" line stays.
      await waitFor(
        frame,
        'the storage line to stop saying "checking"',
        () => !document.body.innerText.includes('Storage for this site: checking'),
        15,
      );
      // The download starts only with the reader's click inside the widget, confirmed in the browser's own dialog.
      const asked = page.acceptNextDialog();
      await frame.clickButton('Load model');
      const question = await asked.catch(async (error: unknown) => {
        const text = await frame.evaluate(() => document.body.innerText);
        throw new Error(`${String(error)}; the widget showed:\n${text.slice(0, 1500)}`);
      });
      if (
        !/^Download Test model, not MathCoder .* into this browser and load it\?$/.test(question)
      ) {
        throw new Error(`the browser asked: ${question}`);
      }
      const loaded = await waitForText(frame, /is loaded: llama\.cpp|needs another browser/i, 120);
      if (!/is loaded/.test(loaded)) {
        await page.close();
        return 'no: the widget says llama.cpp needs another browser';
      }
      const result = await page.evaluate(() =>
        (
          window as unknown as { testTutor: { solve(p: string): Promise<unknown> } }
        ).testTutor.solve('What is (3 + 4) times 6?'),
      );
      if (JSON.stringify(result) !== JSON.stringify({ status: 'done', answer: '42' })) {
        throw new Error(`solve answered ${JSON.stringify(result)}`);
      }
      await page.close();
    },
  },
  {
    name: 'axe finds nothing serious (start page, a replayed solution)',
    async run(driver, { isolated }) {
      const page = await open(driver, `${isolated}/`);
      await waitForText(page, /Python: ready/);
      for (const stage of ['the start page', 'a replayed solution']) {
        if (stage === 'a replayed solution') await playBackQuadratic(page);
        const { serious, passes } = await seriousAxeFindings(page);
        if (serious.length) {
          throw new Error(
            `axe on ${stage}:\n${serious.map((f) => `${f.id} (${f.impact}): ${f.targets.join(', ')}`).join('\n')}`,
          );
        }
        if (passes < 10) throw new Error(`axe checked only ${passes} rules on ${stage}`);
      }
      await page.close();
    },
  },
];

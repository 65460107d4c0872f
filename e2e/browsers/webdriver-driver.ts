// The cases' Page over classic W3C WebDriver (WebKitWebDriver drives WebKitGTK's MiniBrowser). WebKitWebDriver
// speaks no BiDi, and a dozen REST calls are all the cases need, so this is plain fetch rather than a client library.
import { spawn, type ChildProcess } from 'node:child_process';
import { findButton, type Driver, type Frame, type Page } from './driver.ts';
import { recordErrors } from './record-errors.ts';

const ELEMENT = 'element-6066-11e4-a52e-4f735466cecf';

export interface WebDriverOptions {
  driverPath: string;
  port: number;
  capabilities: Record<string, unknown>;
}

class Session {
  private last: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly base: string,
    readonly id: string,
  ) {}

  /** One command at a time, in the order asked: a dialog watcher's polls wait for the click before them. */
  call<T>(method: 'GET' | 'POST' | 'DELETE', path: string, body?: unknown): Promise<T> {
    const run = this.last.then(() => this.send<T>(method, path, body));
    this.last = run.catch(() => undefined);
    return run;
  }

  private async send<T>(
    method: 'GET' | 'POST' | 'DELETE',
    path: string,
    body?: unknown,
  ): Promise<T> {
    const response = await fetch(`${this.base}/session/${this.id}${path}`, {
      method,
      headers: { 'content-type': 'application/json' },
      body: method === 'POST' ? JSON.stringify(body ?? {}) : undefined,
      // Longer than the session's script and page-load timeouts, so a hung browser fails the case in minutes.
      signal: AbortSignal.timeout(150_000),
    });
    const { value } = (await response.json()) as {
      value: T & { error?: string; message?: string };
    };
    if (!response.ok) throw new Error(`WebDriver ${path}: ${value.error}: ${value.message}`);
    return value;
  }
}

async function startDriver(options: WebDriverOptions) {
  const driver = spawn(options.driverPath, [`--port=${options.port}`], { stdio: 'ignore' });
  const base = `http://127.0.0.1:${options.port}`;
  for (let i = 0; i < 100; i++) {
    const up = await fetch(`${base}/status`).then(
      (r) => r.ok,
      () => false,
    );
    if (up) return { driver, base };
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  driver.kill();
  throw new Error(`${options.driverPath} did not answer on port ${options.port}`);
}

/** A reference to the element `script` returns, or null. */
async function element(session: Session, script: string, ...args: unknown[]) {
  const found = await session.call<Record<string, string> | null>('POST', '/execute/sync', {
    script,
    args,
  });
  return found?.[ELEMENT] ?? null;
}

/** The document the session's commands are in now: the page's, or the iframe it switched to. */
function documentOf(session: Session): Frame {
  return {
    evaluate: (fn, ...args) =>
      session.call('POST', '/execute/sync', {
        script: `return (${fn.toString()}).apply(null, arguments)`,
        args,
      }),
    async clickButton(name) {
      const id = await element(session, `return (${findButton.toString()})(arguments[0])`, name);
      if (!id) throw new Error(`no button "${name}"`);
      await session.call('POST', `/element/${id}/click`);
    },
  };
}

/** An iframe's document: each command switches into it and back to the page. */
function frameOf(session: Session, frameId: string): Frame {
  const inside = documentOf(session);
  const within = async <T>(act: () => Promise<T>): Promise<T> => {
    await session.call('POST', '/frame', { id: { [ELEMENT]: frameId } });
    try {
      return await act();
    } finally {
      await session.call('POST', '/frame', { id: null });
    }
  };
  return {
    evaluate: (fn, ...args) => within(() => inside.evaluate(fn, ...args)),
    clickButton: (name) => within(() => inside.clickButton(name)),
  };
}

/** Polls for a user prompt and accepts it: classic WebDriver reports prompts only when asked. */
async function acceptDialog(session: Session, seconds: number): Promise<string> {
  const until = Date.now() + seconds * 1000;
  while (Date.now() < until) {
    const text = await session.call<string>('GET', '/alert/text').catch(() => null);
    if (text !== null) {
      await session.call('POST', '/alert/accept');
      return text;
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`no dialog in ${seconds} s`);
}

function wrap(session: Session): Page {
  const errors: string[] = [];
  const pageErrors = () =>
    session.call<string[] | null>('POST', '/execute/sync', {
      script: 'return window.reportedErrors || null',
      args: [],
    });
  // Keeps what the document reported before it is replaced, then records in the next one. Classic WebDriver has no
  // log of its own and runs scripts only after the load event: the WebKit suite's host puts the recorder in first.
  const navigate = async (go: () => Promise<unknown>) => {
    errors.push(...((await pageErrors().catch(() => null)) ?? []));
    await go();
    await page.evaluate(recordErrors);
  };
  const page: Page = {
    goto: (url) => navigate(() => session.call('POST', '/url', { url })),
    reload: () => navigate(() => session.call('POST', '/refresh')),
    ...documentOf(session),
    async frame(selector) {
      const id = await element(session, 'return document.querySelector(arguments[0])', selector);
      if (!id) throw new Error(`no iframe matches ${selector}`);
      return frameOf(session, id);
    },
    acceptNextDialog: (seconds = 60) => acceptDialog(session, seconds),
    async fill(selector, text) {
      const id = await element(session, 'return document.querySelector(arguments[0])', selector);
      if (!id) throw new Error(`nothing matches ${selector}`);
      await session.call('POST', `/element/${id}/clear`);
      await session.call('POST', `/element/${id}/value`, { text });
    },
    async uploadFile(selector, file) {
      const id = await element(session, 'return document.querySelector(arguments[0])', selector);
      if (!id) throw new Error(`nothing matches ${selector}`);
      await session.call('POST', `/element/${id}/value`, { text: file });
    },
    async inject(source) {
      await session.call('POST', '/execute/sync', { script: source, args: [] });
    },
    errors: async () => [...errors, ...((await pageErrors()) ?? [])],
    async close() {
      await session.call('DELETE', '').catch(() => undefined);
    },
  };
  return page;
}

/**
 * A fresh browser session (a clean profile) per page: in one long-lived WebKitGTK window, after a few cases IndexedDB
 * opens stopped answering and new Python workers failed, while each case passes on its own.
 */
export async function webDriver(options: WebDriverOptions): Promise<Driver> {
  const { driver, base } = await startDriver(options);
  const newSession = async () => {
    const created = await fetch(`${base}/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ capabilities: { alwaysMatch: options.capabilities } }),
    }).then(
      (r) =>
        r.json() as Promise<{
          value: { sessionId?: string; message?: string; capabilities?: Record<string, string> };
        }>,
    );
    const { sessionId, capabilities, message } = created.value;
    if (!sessionId) throw new Error(`no WebDriver session: ${message}`);
    const session = new Session(base, sessionId);
    await session.call('POST', '/timeouts', { script: 120_000, pageLoad: 120_000 });
    return { session, engine: `${capabilities?.browserName} ${capabilities?.browserVersion}` };
  };
  const first = await newSession().catch((error: unknown) => {
    stopProcess(driver);
    throw error;
  });
  await first.session.call('DELETE', '');
  return {
    engine: first.engine,
    newPage: async () => wrap((await newSession()).session),
    close: async () => stopProcess(driver),
  };
}

function stopProcess(child: ChildProcess) {
  if (child.exitCode === null) child.kill();
}

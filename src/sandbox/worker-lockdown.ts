// Takes the network, storage, messaging and navigation away from a worker's global scope once Python has loaded.
// Python reaches JavaScript in more ways than can be closed (any JsProxy leads to `Function`), so this is the boundary.

/** Globals that could reach the network, storage, the page or other contexts. */
export const BLOCKED_GLOBALS = [
  'fetch',
  'XMLHttpRequest',
  'importScripts',
  'postMessage',
  'indexedDB',
  'IDBFactory',
  'caches',
  'CacheStorage',
  'WebSocket',
  'WebSocketStream',
  'WebTransport',
  'EventSource',
  'BroadcastChannel',
  'MessageChannel',
  'MessagePort',
  'Worker',
  'SharedWorker',
  'FontFace',
  'fonts',
  'Notification',
  'location',
  'WorkerLocation',
  'navigator',
  'WorkerNavigator',
  'close',
  'onmessage',
  'onmessageerror',
  'addEventListener',
  'removeEventListener',
  'dispatchEvent',
  'cookieStore',
  'CookieStore',
  'serviceWorker',
  'ServiceWorkerContainer',
  'LockManager',
  'StorageManager',
  'FileSystemHandle',
  'FileSystemDirectoryHandle',
  'FileSystemFileHandle',
  'FileSystemSyncAccessHandle',
  'open', // some runtimes expose window-like helpers in workers
] as const;

/** Navigator getters that reach storage, locks or devices (removed from the prototype too). */
const NAVIGATOR_MEMBERS = [
  'storage',
  'locks',
  'serviceWorker',
  'usb',
  'hid',
  'serial',
  'permissions',
];

/**
 * Removes each blocked global from the scope and its prototype chain, then pins it to `undefined`.
 * Returns the names still reachable afterwards (empty when the lockdown held).
 */
export function lockDownGlobals(scope: object = globalThis): string[] {
  const navigatorProto = Object.getPrototypeOf(
    (scope as { navigator?: object }).navigator ?? {},
  ) as object | null;
  if (navigatorProto && navigatorProto !== Object.prototype) {
    for (const name of NAVIGATOR_MEMBERS) removeEverywhere(navigatorProto, name);
  }
  for (const name of BLOCKED_GLOBALS) {
    removeEverywhere(scope, name);
    try {
      Object.defineProperty(scope, name, {
        value: undefined,
        writable: false,
        enumerable: false,
        configurable: false,
      });
    } catch {
      // A non-configurable own property that survived; reported below.
    }
  }
  // EventTarget methods also live on EventTarget.prototype, where `.call(self, …)` would still reach them.
  const eventTarget = (scope as { EventTarget?: { prototype: object } }).EventTarget;
  if (eventTarget) {
    for (const name of ['addEventListener', 'removeEventListener', 'dispatchEvent'])
      removeEverywhere(eventTarget.prototype, name);
  }
  return BLOCKED_GLOBALS.filter((name) => (scope as Record<string, unknown>)[name] !== undefined);
}

function removeEverywhere(start: object, name: string): void {
  for (
    let target: object | null = start;
    target;
    target = Object.getPrototypeOf(target) as object | null
  ) {
    const descriptor = Object.getOwnPropertyDescriptor(target, name);
    if (!descriptor) continue;
    if (descriptor.configurable) {
      Reflect.deleteProperty(target, name);
    } else if (descriptor.writable) {
      (target as Record<string, unknown>)[name] = undefined;
    }
  }
}

/** A function of each kind whose constructor compiles source text: plain, async, generator, async generator. */
function functionKinds(): object[] {
  return [function () {}, async function () {}, function* () {}, async function* () {}];
}

const refusal = (name: string) => () => {
  throw new EvalError(`${name}: code generation from strings is turned off in the Python worker`);
};

/**
 * Takes every way to compile a string away (`Function` and its async and generator kinds, `eval`, string timers),
 * whether or not the worker's Content-Security-Policy arrived (a bare host's first visit sends none), then tries
 * each. Returns the ways that still compiled (empty when the lock held): the worker must not run cells otherwise.
 * `kinds` are functions of `scope`'s realm (tests pass another realm's).
 */
export function refuseStringCompilation(
  scope: object = globalThis,
  kinds: object[] = functionKinds(),
): string[] {
  const global = scope as Record<string, unknown>;
  const names = ['Function', 'AsyncFunction', 'GeneratorFunction', 'AsyncGeneratorFunction'];
  kinds.forEach((sample, i) => {
    const prototype = Object.getPrototypeOf(sample) as object;
    // Same name and prototype, so `instanceof` and `.constructor.name` checks keep working.
    const standIn = refusal(names[i]!) as unknown as { prototype: object };
    Object.defineProperty(standIn, 'name', { value: names[i] });
    Object.defineProperty(standIn, 'prototype', { value: prototype });
    pin(prototype, 'constructor', standIn);
    if (i === 0) pin(scope, 'Function', standIn);
  });
  removeEverywhere(scope, 'eval');
  pin(scope, 'eval', refusal('eval'));
  for (const name of ['setTimeout', 'setInterval']) {
    const timer = global[name];
    if (typeof timer !== 'function') continue;
    removeEverywhere(scope, name);
    pin(scope, name, function (this: unknown, handler: unknown, ...rest: unknown[]) {
      if (typeof handler !== 'function') refusal(name)();
      return (timer as (...args: unknown[]) => unknown).call(scope, handler, ...rest);
    });
  }
  return stillCompiling(scope, kinds);
}

function stillCompiling(scope: object, kinds: object[]): string[] {
  const global = scope as Record<string, unknown>;
  const routes: Array<[string, () => unknown]> = [
    ...kinds.map((sample, i): [string, () => unknown] => [
      `constructor of function kind ${i}`,
      () =>
        (Object.getPrototypeOf(sample) as { constructor: (s: string) => unknown }).constructor('1'),
    ]),
    ['Function', () => (global.Function as (s: string) => unknown)('1')],
    ['eval', () => (global.eval as (s: string) => unknown)('1')],
    ...['setTimeout', 'setInterval'].map((name): [string, () => unknown] => [
      name,
      () => {
        const handle = (global[name] as (s: string, ms: number) => unknown)('0', 2 ** 31 - 1);
        (global.clearTimeout as (h: unknown) => void)(handle);
      },
    ]),
  ];
  return routes
    .filter(([, route]) => {
      try {
        route();
        return true;
      } catch {
        return false;
      }
    })
    .map(([name]) => name);
}

function pin(target: object, name: string, value: unknown): void {
  try {
    Object.defineProperty(target, name, {
      value,
      writable: false,
      enumerable: false,
      configurable: false,
    });
  } catch {
    // Already pinned by an earlier lockdown, or not configurable: the check afterwards tells.
  }
}

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

import { runInContext, createContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { BLOCKED_GLOBALS, lockDownGlobals, refuseStringCompilation } from './worker-lockdown';

describe('lockDownGlobals', () => {
  it('removes blocked globals from the scope and its prototypes and pins them to undefined', () => {
    const proto = { postMessage: () => 'sent', addEventListener: () => {} };
    const navigatorProto = {
      get storage() {
        return 'opfs';
      },
    };
    const scope = Object.create(proto) as Record<string, unknown>;
    Object.assign(scope, { fetch: () => 'net', importScripts: () => {}, console, setTimeout });
    scope.navigator = Object.create(navigatorProto);
    const navigatorObject = scope.navigator as { storage?: unknown };
    expect(lockDownGlobals(scope)).toEqual([]);
    for (const name of BLOCKED_GLOBALS) expect(scope[name]).toBeUndefined();
    expect(proto).not.toHaveProperty('postMessage');
    expect(navigatorObject.storage).toBeUndefined();
    // Pinned: a cell cannot put them back.
    expect(() => Object.defineProperty(scope, 'fetch', { value: () => 'again' })).toThrow();
    expect(scope.console).toBe(console);
  });
});

describe('refuseStringCompilation', () => {
  // Another realm, as a worker without its Content-Security-Policy: every route compiles there at first.
  function realm() {
    const context = createContext({ setTimeout, clearTimeout });
    const kinds = runInContext(
      '[function () {}, async function () {}, function* () {}, async function* () {}]',
      context,
    ) as object[];
    const probe = (code: string) => {
      try {
        return String(runInContext(code, context));
      } catch (error) {
        return `refused: ${(error as Error).name}`;
      }
    };
    return { context, kinds, probe };
  }
  const routes = [
    "Function('return 7')()",
    "[].constructor.constructor('return 7')()",
    "(async function () {}).constructor('return 7')",
    "(function* () {}).constructor('return 7')",
    "(async function* () {}).constructor('return 7')",
    "eval('7')",
    "(0, eval)('7')",
    "setTimeout('globalThis.leaked = 1', 0)",
  ];

  it('closes every route by which a string becomes code, and says none is left', () => {
    const { context, kinds, probe } = realm();
    expect(probe("Function('return 7')()")).toBe('7'); // open before
    expect(refuseStringCompilation(context, kinds)).toEqual([]);
    for (const code of routes) expect(probe(code)).toBe('refused: EvalError');
    // Pinned, and what code checks against still holds.
    expect(probe("Function.prototype.constructor = null; [].constructor.constructor('1')")).toMatch(
      /refused/,
    );
    expect(probe('(function () {}) instanceof Function')).toBe('true');
    expect(probe('(async function () {}).constructor.name')).toBe('AsyncFunction');
    expect(probe('typeof setTimeout(() => {}, 0)')).not.toMatch(/refused/);
  });

  it('reports the routes it could not close', () => {
    const { context, kinds } = realm();
    // A realm whose Function is pinned already (not configurable): the lock cannot take it.
    runInContext(
      "Object.defineProperty(globalThis, 'Function', { value: Function, configurable: false, writable: false })",
      context,
    );
    expect(refuseStringCompilation(context, kinds)).toContain('Function');
  });
});

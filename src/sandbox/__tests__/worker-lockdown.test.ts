import { describe, expect, it } from 'vitest';
import { BLOCKED_GLOBALS, lockDownGlobals } from '../worker-lockdown';

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

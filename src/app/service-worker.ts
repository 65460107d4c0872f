/// <reference types="vite-plugin-pwa/vanillajs" />
import { registerSW } from 'virtual:pwa-register';
import type { StoreApi, UseBoundStore } from 'zustand';
import { useSandboxStore } from '../ui/state/sandbox-store';
import { useTraceStore } from '../ui/state/trace-store';
import { loadProseRenderers } from '../ui/trace/use-prose-renderers';
import { createAppUpdates, type AppUpdates, type RegisterWorker } from './app-updates';
import { appVersion } from './build-info';

const HOUR_MS = 60 * 60 * 1000;
/** A spare Python that never reports back must not keep the offline copy or an accepted update waiting for ever. */
const SPARE_WAIT_MS = 30_000;

/** Calls back once the store's state satisfies `done`, now or later, or after `limitMs` if given, whichever is first. */
function once<S>(
  store: UseBoundStore<StoreApi<S>>,
  done: (state: S) => boolean,
  callback: () => void,
  limitMs?: number,
) {
  if (done(store.getState())) return callback();
  const finish = () => {
    unsubscribe();
    clearTimeout(limit);
    callback();
  };
  const unsubscribe = store.subscribe((state) => {
    if (done(state)) finish();
  });
  const limit = limitMs === undefined ? undefined : setTimeout(finish, limitMs);
}

function unavailableReason(): string {
  if (import.meta.env.DEV)
    return 'The development server does not keep the app offline; a build does.';
  return 'This browser cannot keep the app for offline use (service workers are off).';
}

export function createServiceWorkerUpdates(): AppUpdates {
  const supported = import.meta.env.PROD && 'serviceWorker' in navigator;
  const register: RegisterWorker = (hooks) => {
    const update = registerSW({ immediate: true, ...hooks });
    return () => update();
  };
  return createAppUpdates({
    version: appVersion,
    register: supported ? register : null,
    unavailableReason: unavailableReason(),
    controlled: supported && navigator.serviceWorker.controller !== null,
    isSolving: () => useTraceStore.getState().status === 'solving',
    whenIdle: (callback) => once(useTraceStore, (s) => s.status !== 'solving', callback),
    whenSettled: (callback) =>
      once(
        useSandboxStore,
        (s) => s.status !== 'starting',
        () => once(useSandboxStore, (s) => !s.loading, callback, SPARE_WAIT_MS),
      ),
    // The first tap loads the prose renderers: that request must be over before the old version is asked to go.
    whenQuiet: (callback) =>
      void loadProseRenderers().then(() =>
        once(useSandboxStore, (s) => !s.loading, callback, SPARE_WAIT_MS),
      ),
    reload: () => window.location.reload(),
    checkEveryMs: HOUR_MS,
  });
}

import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { useUpdateStore } from '../ui/state/update-store';
import {
  createAppUpdates,
  SLOW_UPDATE_MS,
  type AppUpdateDeps,
  type WorkerHooks,
} from './app-updates';

function setup(overrides: Partial<AppUpdateDeps> = {}) {
  let hooks: WorkerHooks | null = null;
  let solving = false;
  const idle: Array<() => void> = [];
  const activate = vi.fn(() => Promise.resolve());
  const deps: AppUpdateDeps = {
    version: '1.2.3',
    register: (given) => {
      hooks = given;
      return activate;
    },
    unavailableReason: 'no service workers',
    controlled: false,
    isSolving: () => solving,
    whenIdle: (callback) => idle.push(callback),
    whenSettled: (callback) => callback(),
    whenQuiet: (callback) => callback(),
    reload: vi.fn(),
    checkEveryMs: 60_000,
    ...overrides,
  };
  const updates = createAppUpdates(deps);
  updates.start();
  return {
    updates,
    deps,
    activate,
    hooks: () => hooks!,
    setSolving: (value: boolean) => {
      solving = value;
      if (!value) idle.splice(0).forEach((callback) => callback());
    },
  };
}

const state = () => useUpdateStore.getState();

afterEach(() => {
  vi.useRealTimers();
});

beforeEach(() => {
  useUpdateStore.setState({
    version: '',
    offline: 'unavailable',
    offlineReason: '',
    update: 'none',
  });
});

describe('app updates', () => {
  it('says the app is being saved, then that it works offline', () => {
    const { hooks } = setup();
    expect(state()).toMatchObject({ version: '1.2.3', offline: 'saving' });
    hooks().onOfflineReady();
    expect(state().offline).toBe('ready');
  });

  it('is ready at once when a service worker already serves the page', () => {
    setup({ controlled: true });
    expect(state().offline).toBe('ready');
  });

  it('registers only once the page has settled', () => {
    let settle: () => void = () => undefined;
    const register = vi.fn(() => () => Promise.resolve());
    setup({ register, whenSettled: (callback) => (settle = callback) });
    expect(register).not.toHaveBeenCalled();
    settle();
    expect(register).toHaveBeenCalledOnce();
  });

  it('explains why the app cannot be kept offline', () => {
    setup({ register: null });
    expect(state()).toMatchObject({ offline: 'unavailable', offlineReason: 'no service workers' });
  });

  it('shows a registration failure', () => {
    const { hooks } = setup();
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    hooks().onRegisterError(new Error('SecurityError: insecure origin'));
    expect(state().offline).toBe('unavailable');
    expect(state().offlineReason).toMatch(/did not let the app keep an offline copy/);
    expect(warn).toHaveBeenCalledWith(expect.any(String), 'SecurityError: insecure origin');
    warn.mockRestore();
  });

  it('offers a waiting version and loads it when accepted', () => {
    const { hooks, updates, activate, deps } = setup();
    hooks().onNeedRefresh();
    expect(state().update).toBe('available');
    updates.apply();
    expect(activate).toHaveBeenCalledOnce();
    expect(state().update).toBe('updating');
    hooks().onNeedReload();
    expect(deps.reload).toHaveBeenCalledOnce();
  });

  it('asks the waiting version to take over only once the page has no download of its own in flight', () => {
    let quiet: () => void = () => undefined;
    const { hooks, updates, activate } = setup({ whenQuiet: (callback) => (quiet = callback) });
    hooks().onNeedRefresh();
    updates.apply();
    expect(state().update).toBe('updating');
    expect(activate).not.toHaveBeenCalled();
    quiet();
    expect(activate).toHaveBeenCalledOnce();
  });

  it("says the wait is the browser's when the new version has not taken over after a few seconds", () => {
    vi.useFakeTimers();
    const { hooks, updates, deps } = setup();
    hooks().onNeedRefresh();
    updates.apply();
    vi.advanceTimersByTime(SLOW_UPDATE_MS - 1);
    expect(state().update).toBe('updating');
    vi.advanceTimersByTime(1);
    expect(state().update).toBe('updating-slow');
    hooks().onNeedReload();
    expect(deps.reload).toHaveBeenCalledOnce();
  });

  it('does not call a quick update slow', () => {
    vi.useFakeTimers();
    const { hooks, updates, deps } = setup();
    hooks().onNeedRefresh();
    updates.apply();
    hooks().onNeedReload();
    vi.advanceTimersByTime(SLOW_UPDATE_MS);
    expect(deps.reload).toHaveBeenCalledOnce();
    expect(state().update).toBe('updating');
  });

  it('does nothing while a solve is running', () => {
    const { hooks, updates, activate, setSolving } = setup();
    hooks().onNeedRefresh();
    setSolving(true);
    updates.apply();
    expect(activate).not.toHaveBeenCalled();
    expect(state().update).toBe('available');
  });

  it('waits for a solve that started before the new version took over', () => {
    const { hooks, updates, deps, setSolving } = setup();
    hooks().onNeedRefresh();
    updates.apply();
    setSolving(true);
    hooks().onNeedReload();
    expect(deps.reload).not.toHaveBeenCalled();
    expect(state().update).toBe('after-solve');
    setSolving(false);
    expect(deps.reload).toHaveBeenCalledOnce();
  });

  it('never reloads a tab by itself when another tab accepted the update', () => {
    const { hooks, updates, deps, setSolving } = setup();
    hooks().onNeedRefresh();
    setSolving(true);
    hooks().onNeedReload();
    expect(deps.reload).not.toHaveBeenCalled();
    expect(state().update).toBe('elsewhere');
    setSolving(false);
    expect(deps.reload).not.toHaveBeenCalled();
    updates.apply();
    expect(deps.reload).toHaveBeenCalledOnce();
  });

  it('ignores an accept with nothing waiting', () => {
    const { updates, activate, deps } = setup();
    updates.apply();
    expect(activate).not.toHaveBeenCalled();
    expect(deps.reload).not.toHaveBeenCalled();
  });

  it('counts an installed worker as ready even without an install event', () => {
    const { hooks } = setup();
    hooks().onRegisteredSW('/sw.js', fakeRegistration({ active: true }));
    expect(state().offline).toBe('ready');
  });

  it('says so when the first install fails', () => {
    const { hooks } = setup();
    const registration = fakeRegistration({ active: false });
    hooks().onRegisteredSW('/sw.js', registration);
    expect(state().offline).toBe('saving');
    const worker = registration.installing as unknown as FakeWorker;
    worker.state = 'redundant';
    worker.dispatchEvent(new Event('statechange'));
    expect(state().offline).toBe('unavailable');
    expect(state().offlineReason).toMatch(/could not store the offline copy/);
  });
});

class FakeWorker extends EventTarget {
  state = 'installing';
}

function fakeRegistration({ active }: { active: boolean }): ServiceWorkerRegistration {
  // The hourly update check starts on registration.
  vi.useFakeTimers();
  return {
    active: active ? new FakeWorker() : null,
    installing: active ? null : new FakeWorker(),
    waiting: null,
    update: () => Promise.resolve(),
  } as unknown as ServiceWorkerRegistration;
}

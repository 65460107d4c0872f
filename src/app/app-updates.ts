import { useUpdateStore } from '../ui/state/update-store';

/** What the service worker reports; the names are vite-plugin-pwa's `registerSW` options. */
export interface WorkerHooks {
  onOfflineReady(): void;
  onNeedRefresh(): void;
  /** The new version took control of this page (after any tab accepted it). */
  onNeedReload(): void;
  onRegisteredSW(url: string, registration: ServiceWorkerRegistration | undefined): void;
  onRegisterError(error: unknown): void;
}

/** Registers the service worker; the returned function lets the waiting version take over. */
export type RegisterWorker = (hooks: WorkerHooks) => () => Promise<void>;

export interface AppUpdateDeps {
  version: string;
  /** Null where the app cannot be kept offline (no service workers, or the development server). */
  register: RegisterWorker | null;
  unavailableReason: string;
  /** A service worker already serves this page: the app opened from the offline copy or can. */
  controlled: boolean;
  isSolving(): boolean;
  /** Calls back once no solve is running. */
  whenIdle(callback: () => void): void;
  /** Calls back once the page's own first downloads (Python) are done, so the two do not compete. */
  whenSettled(callback: () => void): void;
  /**
   * Calls back once the page has no download of its own in flight (a Python worker starting, a chunk the click
   * itself asked for). Chromium hands over to the waiting version only while no request reaches the running one;
   * one that arrives as it stops keeps it until it has been idle for 30 s or more.
   */
  whenQuiet(callback: () => void): void;
  reload(): void;
  /** How often an open page asks the server for a new version. */
  checkEveryMs: number;
}

export interface AppUpdates {
  start(): void;
  /** The user accepted the update: reload into it, never while a solve is running. */
  apply(): void;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** After this long without the new version taking over, the prompt says the wait is the browser's. */
export const SLOW_UPDATE_MS = 5000;

const NOT_REGISTERED =
  'The browser did not let the app keep an offline copy (service workers are off or blocked).';
const NOT_STORED =
  'The browser could not store the offline copy (is the disk full?). The app works online; reload to try again.';

/** A first install that fails (storage full, a file missing) leaves nothing to work offline with: say so. */
function watchFirstInstall(registration: ServiceWorkerRegistration) {
  const worker = registration.installing ?? registration.waiting;
  worker?.addEventListener('statechange', () => {
    if (worker.state === 'redundant' && !registration.active) {
      useUpdateStore.getState().setOffline('unavailable', NOT_STORED);
    }
  });
}

export function createAppUpdates(deps: AppUpdateDeps): AppUpdates {
  const store = useUpdateStore.getState;
  let activate: (() => Promise<void>) | null = null;
  let accepted = false;
  let slowNotice: ReturnType<typeof setTimeout> | undefined;

  function reloadWhenIdle() {
    if (!deps.isSolving()) return deps.reload();
    store().setUpdate('after-solve');
    deps.whenIdle(deps.reload);
  }

  const hooks: WorkerHooks = {
    onOfflineReady: () => store().setOffline('ready'),
    onNeedRefresh: () => {
      const { update } = store();
      if (update === 'none' || update === 'elsewhere') store().setUpdate('available');
    },
    // Only the tab that asked reloads by itself; another tab may be in the middle of a solve.
    onNeedReload: () => {
      clearTimeout(slowNotice);
      if (accepted) reloadWhenIdle();
      else store().setUpdate('elsewhere');
    },
    onRegisteredSW: (_url, registration) => {
      if (!registration) return;
      // Already installed (a reload that bypassed it, for one): no install event will come.
      if (registration.active) store().setOffline('ready');
      else watchFirstInstall(registration);
      setInterval(() => void registration.update().catch(() => undefined), deps.checkEveryMs);
    },
    onRegisterError: (error) => {
      // The browser's reason is for developers; the page says what it means for the student.
      console.warn('Service worker registration failed:', messageOf(error));
      store().setOffline('unavailable', NOT_REGISTERED);
    },
  };

  return {
    start() {
      store().setVersion(deps.version);
      const register = deps.register;
      if (!register) return store().setOffline('unavailable', deps.unavailableReason);
      store().setOffline(deps.controlled ? 'ready' : 'saving');
      deps.whenSettled(() => {
        activate = register(hooks);
      });
    },
    apply() {
      if (deps.isSolving()) return;
      const { update } = store();
      if (update === 'elsewhere') return deps.reload();
      if (update !== 'available' || !activate) return;
      accepted = true;
      store().setUpdate('updating');
      const takeOver = activate;
      deps.whenQuiet(() => {
        void takeOver();
        slowNotice = setTimeout(() => {
          if (store().update === 'updating') store().setUpdate('updating-slow');
        }, SLOW_UPDATE_MS);
      });
    },
  };
}

// Clickjacking: a host page can make the widget transparent or cover it, so a reader's click on the host's own
// button lands on Load model and starts a download of gigabytes. A download therefore needs the browser's own
// confirmation, which no page can cover; where the browser reports the widget hidden, Load model is refused outright.

/** The outcome of a Load model click inside the widget. */
export type LoadVerdict =
  { ok: true } | { ok: false; reason: 'covered' | 'declined'; message: string };

export const COVERED_MESSAGE =
  'The page around the tutor hides it (covered, transparent or distorted), so Load model did not start a download. ' +
  'A page that embeds the tutor must show it as it is.';
export const DECLINED_MESSAGE =
  'The download was not confirmed, so nothing was downloaded. If the browser asked nothing, the page around the ' +
  'tutor blocks its dialogs.';

interface VisibilityEntry {
  isVisible?: boolean;
}

export interface LoadGuardOptions {
  /** The widget's own content, whose visibility the host controls. */
  target: Element;
  /** Asks the reader in the browser's own dialog (false where the host's sandbox blocks dialogs). */
  confirm(question: string): boolean;
  /** How long a click waits for the first visibility report. */
  firstReportMs?: number;
  IntersectionObserver?: typeof IntersectionObserver;
}

export interface LoadGuard {
  /** `question` is asked before a download; null: the model is stored, nothing to download or ask. */
  check(question: string | null): Promise<LoadVerdict>;
  dispose(): void;
}

/** Whether this browser reports occlusion and effects (IntersectionObserver v2, Chromium-based browsers). */
export function tracksVisibility(Observer: typeof IntersectionObserver | undefined): boolean {
  return (
    typeof Observer === 'function' &&
    typeof IntersectionObserverEntry !== 'undefined' &&
    'isVisible' in IntersectionObserverEntry.prototype
  );
}

export function createLoadGuard(options: LoadGuardOptions): LoadGuard {
  const visibility = watchVisibility(options);
  return {
    async check(question) {
      // Visibility reports come from Chromium-based browsers only; the dialog guards the download in every browser.
      if ((await visibility.latest()) === false)
        return { ok: false, reason: 'covered', message: COVERED_MESSAGE };
      if (question === null || options.confirm(question)) return { ok: true };
      return { ok: false, reason: 'declined', message: DECLINED_MESSAGE };
    },
    dispose: () => visibility.dispose(),
  };
}

/** The browser's latest visibility report for the target: null where it reports none. */
function watchVisibility(options: LoadGuardOptions) {
  const Observer = options.IntersectionObserver ?? globalThis.IntersectionObserver;
  if (!tracksVisibility(Observer)) return { latest: async () => null, dispose: () => {} };
  let visible: boolean | null = null;
  let waiting: Array<() => void> = [];
  const observer = new Observer(
    (entries) => {
      const latest = entries.at(-1) as VisibilityEntry | undefined;
      if (!latest) return;
      visible = latest.isVisible === true;
      for (const wake of waiting) wake();
      waiting = [];
    },
    // The browser computes visibility at most this often; 100 ms is the least it allows.
    { trackVisibility: true, delay: 100, threshold: [0, 1] } as IntersectionObserverInit,
  );
  observer.observe(options.target);
  const firstReport = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ms);
      waiting.push(() => {
        clearTimeout(timer);
        resolve();
      });
    });
  return {
    async latest(): Promise<boolean | null> {
      // Right after the widget opens the first report may still be on its way.
      if (visible === null) await firstReport(options.firstReportMs ?? 1000);
      return visible;
    },
    dispose: () => observer.disconnect(),
  };
}

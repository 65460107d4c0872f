// Clickjacking: a host page can make the widget transparent or cover it, so a reader's click on the host's own
// button lands on Load model and starts a download of gigabytes. Load model therefore needs the widget visible.

/** The outcome of a Load model click inside the widget. */
export type LoadVerdict = { ok: true } | { ok: false; message: string };

export const COVERED_MESSAGE =
  'The page around the tutor hides it (covered, transparent or distorted), so Load model did not start a download. ' +
  'A page that embeds the tutor must show it as it is.';
export const DECLINED_MESSAGE = 'The download was not confirmed, so nothing was downloaded.';

interface VisibilityEntry {
  isVisible?: boolean;
}

export interface LoadGuardOptions {
  /** The widget's own content, whose visibility the host controls. */
  target: Element;
  /** Asks the reader in the browser's own dialog, which no page can cover (used without visibility tracking). */
  confirm(question: string): boolean;
  /** How long a click waits for the first visibility report. */
  firstReportMs?: number;
  IntersectionObserver?: typeof IntersectionObserver;
}

export interface LoadGuard {
  /** `question` is asked where visibility cannot be known; null: nothing to download, nothing to ask. */
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
  const Observer = options.IntersectionObserver ?? globalThis.IntersectionObserver;
  if (!tracksVisibility(Observer)) {
    // Without occlusion reports, a second step the host cannot fake: the browser's own confirmation dialog.
    return {
      check: (question) =>
        Promise.resolve(
          question === null || options.confirm(question)
            ? { ok: true }
            : { ok: false, message: DECLINED_MESSAGE },
        ),
      dispose: () => {},
    };
  }
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
    async check() {
      // Right after the widget opens the first report may still be on its way.
      if (visible === null) await firstReport(options.firstReportMs ?? 1000);
      return visible === true ? { ok: true } : { ok: false, message: COVERED_MESSAGE };
    },
    dispose: () => observer.disconnect(),
  };
}

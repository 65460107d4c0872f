import { afterEach, describe, expect, it, vi } from 'vitest';
import { COVERED_MESSAGE, createLoadGuard, DECLINED_MESSAGE } from './load-guard';

/** An IntersectionObserver v2 whose reports the test sends. */
function fakeObserver() {
  const observers: Array<(entries: Array<{ isVisible: boolean }>) => void> = [];
  class Observer {
    constructor(callback: (entries: Array<{ isVisible: boolean }>) => void) {
      observers.push(callback);
    }
    observe() {}
    disconnect() {}
  }
  vi.stubGlobal(
    'IntersectionObserverEntry',
    class {
      get isVisible() {
        return false;
      }
    },
  );
  return {
    Observer: Observer as unknown as typeof IntersectionObserver,
    report: (isVisible: boolean) => observers.forEach((send) => send([{ isVisible }])),
  };
}

const target = {} as Element;
const neverAsk = () => {
  throw new Error('a browser that reports visibility needs no confirmation');
};

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('Load model in the widget', () => {
  it('starts when the widget is visible', async () => {
    const fake = fakeObserver();
    const guard = createLoadGuard({
      target,
      confirm: neverAsk,
      IntersectionObserver: fake.Observer,
    });
    fake.report(true);
    expect(await guard.check('Download?')).toEqual({ ok: true });
  });

  it('is refused while the host covers the widget or makes it transparent', async () => {
    const fake = fakeObserver();
    const guard = createLoadGuard({
      target,
      confirm: neverAsk,
      IntersectionObserver: fake.Observer,
    });
    fake.report(true);
    fake.report(false);
    expect(await guard.check('Download?')).toEqual({ ok: false, message: COVERED_MESSAGE });
  });

  it('waits for the first report right after the widget opens, and refuses without one', async () => {
    const fake = fakeObserver();
    const guard = createLoadGuard({
      target,
      confirm: neverAsk,
      IntersectionObserver: fake.Observer,
      firstReportMs: 50,
    });
    const pending = guard.check('Download?');
    fake.report(true);
    expect(await pending).toEqual({ ok: true });

    const silent = createLoadGuard({
      target,
      confirm: neverAsk,
      IntersectionObserver: fakeObserver().Observer,
      firstReportMs: 20,
    });
    expect(await silent.check('Download?')).toEqual({ ok: false, message: COVERED_MESSAGE });
  });

  it('asks in the browser’s own dialog where visibility cannot be known', async () => {
    class PlainObserver {
      observe() {}
      disconnect() {}
    }
    const asked: string[] = [];
    const answers = [true, false];
    const guard = createLoadGuard({
      target,
      confirm: (question) => {
        asked.push(question);
        return answers.shift()!;
      },
      IntersectionObserver: PlainObserver as unknown as typeof IntersectionObserver,
    });
    expect(await guard.check('Download MathCoder (3.8 GB)?')).toEqual({ ok: true });
    expect(await guard.check('Download MathCoder (3.8 GB)?')).toEqual({
      ok: false,
      message: DECLINED_MESSAGE,
    });
    // A stored model downloads nothing, so nothing is asked.
    expect(await guard.check(null)).toEqual({ ok: true });
    expect(asked).toEqual(['Download MathCoder (3.8 GB)?', 'Download MathCoder (3.8 GB)?']);
  });
});

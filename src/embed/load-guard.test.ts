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
  throw new Error('a hidden widget must not even ask');
};
const COVERED = { ok: false, reason: 'covered', message: COVERED_MESSAGE };
const DECLINED = { ok: false, reason: 'declined', message: DECLINED_MESSAGE };

/** A confirm() that answers in turn and records what it was asked. */
function answering(...answers: boolean[]) {
  const asked: string[] = [];
  return {
    asked,
    confirm: (question: string) => {
      asked.push(question);
      return answers.shift() ?? false;
    },
  };
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('Load model in the widget', () => {
  it('downloads only after the browser’s own dialog is confirmed, even where the widget is reported visible', async () => {
    const fake = fakeObserver();
    const reader = answering(true, false);
    const guard = createLoadGuard({
      target,
      confirm: reader.confirm,
      IntersectionObserver: fake.Observer,
    });
    fake.report(true);
    expect(await guard.check('Download MathCoder (3.8 GB)?')).toEqual({ ok: true });
    expect(await guard.check('Download MathCoder (3.8 GB)?')).toEqual(DECLINED);
    expect(reader.asked).toEqual(['Download MathCoder (3.8 GB)?', 'Download MathCoder (3.8 GB)?']);
  });

  it('is refused without a question while the host covers the widget or makes it transparent', async () => {
    const fake = fakeObserver();
    const guard = createLoadGuard({
      target,
      confirm: neverAsk,
      IntersectionObserver: fake.Observer,
    });
    fake.report(true);
    fake.report(false);
    expect(await guard.check('Download?')).toEqual(COVERED);
    // A stored model is not loaded behind the reader's back either.
    expect(await guard.check(null)).toEqual(COVERED);
  });

  it('waits for the first report right after the widget opens, and asks when none comes', async () => {
    const fake = fakeObserver();
    const guard = createLoadGuard({
      target,
      confirm: neverAsk,
      IntersectionObserver: fake.Observer,
      firstReportMs: 5_000,
    });
    const pending = guard.check('Download?');
    fake.report(false);
    expect(await pending).toEqual(COVERED);

    const reader = answering(true);
    const silent = createLoadGuard({
      target,
      confirm: reader.confirm,
      IntersectionObserver: fakeObserver().Observer,
      firstReportMs: 20,
    });
    expect(await silent.check('Download?')).toEqual({ ok: true });
    expect(reader.asked).toEqual(['Download?']);
  });

  it('asks in the browser’s own dialog where visibility cannot be known, and not for a stored model', async () => {
    class PlainObserver {
      observe() {}
      disconnect() {}
    }
    const reader = answering(false);
    const guard = createLoadGuard({
      target,
      confirm: reader.confirm,
      IntersectionObserver: PlainObserver as unknown as typeof IntersectionObserver,
    });
    expect(await guard.check('Download MathCoder (3.8 GB)?')).toEqual(DECLINED);
    expect(await guard.check(null)).toEqual({ ok: true });
    expect(reader.asked).toEqual(['Download MathCoder (3.8 GB)?']);
  });
});

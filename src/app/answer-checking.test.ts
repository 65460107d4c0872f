import { afterEach, describe, expect, it } from 'vitest';
import type { CodeRunner } from '../engine/types';
import { useAnswerCheckStore } from '../ui/state/answer-check-store';
import { useTraceStore } from '../ui/state/trace-store';
import { createAnswerChecking } from './answer-checking';
import type { CheckedAnswer } from './solve-events';

/** A sandbox held by something else: no cell it is given ever answers, until its caller aborts. */
function heldRunner() {
  const signals: AbortSignal[] = [];
  const runner: CodeRunner = {
    run: (_code, options) =>
      new Promise((_, reject) => {
        const signal = options?.signal;
        if (signal) signals.push(signal);
        signal?.addEventListener('abort', () => reject(signal.reason as Error), { once: true });
      }),
    reset: async () => {},
  };
  return { runner, signals };
}

afterEach(() => useAnswerCheckStore.getState().clear());

describe('answer checking', () => {
  it('Stop ends a check that Python never answers, and the next check starts afresh', async () => {
    useTraceStore.setState({ answer: 'x^2 - 1', problem: 'Expand (x - 1)(x + 1).' });
    const { runner, signals } = heldRunner();
    const checked: CheckedAnswer[] = [];
    const checking = createAnswerChecking({
      runner,
      busy: () => false,
      checked: (check) => checked.push(check),
    });
    checking.intents.checkAnswer('(x - 1)(x + 1)');
    expect(useAnswerCheckStore.getState().checking).toBe(true);
    await expect.poll(() => signals.length).toBeGreaterThan(0);
    checking.stop();
    await expect.poll(() => useAnswerCheckStore.getState().checking).toBe(false);
    expect(signals.every((signal) => signal.aborted)).toBe(true);
    expect(useAnswerCheckStore.getState().result).toMatchObject({
      answer: '(x - 1)(x + 1)',
      verdict: 'unavailable',
      message: 'The check was stopped.',
    });
    expect(checked).toEqual([]);
    // A stopped install of the grading module is not kept: the next check sends it again, unstopped.
    const before = signals.length;
    checking.intents.checkAnswer('(x - 1)(x + 1)');
    await expect.poll(() => signals.length).toBeGreaterThan(before);
    expect(signals.at(-1)!.aborted).toBe(false);
    checking.stop();
  });

  it('tells of each check the grader answered, for history to keep', async () => {
    useTraceStore.setState({ answer: '\\frac{1}{2}', problem: 'Halve 1.' });
    const checked: CheckedAnswer[] = [];
    const checking = createAnswerChecking({
      runner: heldRunner().runner,
      busy: () => false,
      checked: (check) => checked.push(check),
    });
    checking.intents.checkAnswer('0.5');
    await expect.poll(() => checked.length).toBe(1);
    expect(checked[0]).toMatchObject({ input: '0.5', equal: true });
  });

  it('Stop with no check under way does nothing', () => {
    const checking = createAnswerChecking({
      runner: heldRunner().runner,
      busy: () => false,
      checked: () => {},
    });
    expect(() => checking.stop()).not.toThrow();
    expect(useAnswerCheckStore.getState().result).toBeNull();
  });
});

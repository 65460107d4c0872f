import { describe, expect, it, vi } from 'vitest';
import type { CodeRunner } from '../engine/types';
import { useAnswerCheckStore } from '../ui/state/answer-check-store';
import { useTraceStore } from '../ui/state/trace-store';
import { createAnswerChecking } from './answer-checking';

// The grader's chunk gone, as after an update in another tab, with the browser's words for a failed import(). (A
// factory that throws is reported by vitest in words of its own, so the failure comes as the module is read.)
vi.mock('../engine/grading/symbolic', () => ({
  get createSandboxChecker(): never {
    throw new TypeError('Failed to fetch dynamically imported module: /assets/symbolic-old.js');
  },
}));

describe('answer checking when the grader cannot be loaded', () => {
  it('says the app is out of date, not that Python stopped, and runs no cell', async () => {
    useTraceStore.setState({ answer: '4', problem: 'What is 2 + 2?' });
    const run = vi.fn<CodeRunner['run']>();
    const checking = createAnswerChecking({
      runner: { run, reset: async () => {} },
      busy: () => false,
      checked: () => {},
    });
    checking.intents.checkAnswer('4');
    await expect.poll(() => useAnswerCheckStore.getState().checking).toBe(false);
    const message = useAnswerCheckStore.getState().result?.message ?? '';
    expect(message).toMatch(
      /^The answer could not be checked: Part of the app could not be loaded/,
    );
    expect(message).not.toMatch(/sandbox/i);
    expect(run).not.toHaveBeenCalled();
  });
});

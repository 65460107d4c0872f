// "Check my answer": the grader compares the student's answer with the solution's, SymPy running in the sandbox.
import type { SymbolicChecker } from '../engine/grading/symbolic';
import { isAbortError, toEngineError } from '../engine/errors';
import type { CodeRunner } from '../engine/types';
import { useAnswerCheckStore } from '../ui/state/answer-check-store';
import { useTraceStore } from '../ui/state/trace-store';
import type { CheckedAnswer } from './solve-events';

/** A student waits on this one; the grader's batch limit (1 s) is too tight for a busy phone. */
const CHECK_TIMEOUT_MS = 5000;

/** The grader and its Python (about 14 KB gzipped) load at the first check, not with the first page. */
async function loadGrader() {
  const [{ checkAnswer }, { gradingSources }, { createSandboxChecker }] = await Promise.all([
    import('../engine/grading/check-answer'),
    import('../engine/grading/python-source'),
    import('../engine/grading/symbolic'),
  ]);
  return { checkAnswer, gradingSources, createSandboxChecker };
}

export interface AnswerCheckingDeps {
  runner: CodeRunner;
  /** Whether a solve or a re-run holds the sandbox. */
  busy(): boolean;
  /** Told of each check the grader answered (history keeps it with the entry shown). */
  checked(check: CheckedAnswer): void;
}

export function createAnswerChecking({ runner, busy, checked }: AnswerCheckingDeps) {
  const store = useAnswerCheckStore.getState;
  let checker: SymbolicChecker | null = null;
  /** The check under way: Stop ends its cells too, whatever the worker is doing. */
  let running: AbortController | null = null;
  const stoppable: CodeRunner = {
    run(code, options = {}) {
      const signals = [options.signal, running?.signal].filter((signal) => signal !== undefined);
      return runner.run(code, { ...options, signal: AbortSignal.any(signals) });
    },
    reset: () => runner.reset(),
  };

  // A new solve or an opened solution has another answer: the last check no longer applies.
  useTraceStore.subscribe((state, previous) => {
    if (state.answer !== previous.answer || state.problem !== previous.problem) store().clear();
  });

  async function check(input: string) {
    if (store().checking) return;
    const answer = useTraceStore.getState().answer;
    if (answer === null) {
      store().done(input, 'unavailable', 'The solution has no answer yet: check once it has one.');
      return;
    }
    if (busy()) {
      store().done(
        input,
        'unavailable',
        'Python is busy with the solution: check again when it has finished.',
      );
      return;
    }
    store().start();
    let grader: Awaited<ReturnType<typeof loadGrader>>;
    try {
      grader = await loadGrader();
    } catch (error) {
      // Not Python's fault: a chunk gone after an update, or not stored for offline use yet.
      store().done(
        input,
        'unavailable',
        `The answer could not be checked: ${toEngineError(error).message}`,
      );
      return;
    }
    const controller = new AbortController();
    running = controller;
    try {
      // The check runs in the problem's namespace; re-run, continue and solve all start from a fresh one, so it leaves no trace there.
      checker ??= grader.createSandboxChecker(stoppable, grader.gradingSources, CHECK_TIMEOUT_MS);
      const result = await grader.checkAnswer(input, answer, checker);
      store().done(input, result.verdict, result.message, result.hiddenMessage);
      checked({
        input,
        equal:
          result.verdict === 'unreadable' || result.verdict === 'ambiguous'
            ? null
            : result.verdict === 'equal',
        explanation: result.message,
      });
    } catch (error) {
      if (isAbortError(error)) {
        checker = null; // it may hold a stopped install of the grading module
        store().done(input, 'unavailable', 'The check was stopped.');
        return;
      }
      store().done(
        input,
        'unavailable',
        `The answer could not be checked: ${toEngineError(error, { source: 'sandbox' }).message}`,
      );
    } finally {
      if (running === controller) running = null;
    }
  }

  return {
    intents: { checkAnswer: (input: string) => void check(input) },
    /** Stop: ends the check under way, if any. */
    stop: () => running?.abort(),
  };
}

import { useEffect, useRef, type KeyboardEvent } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useIntents } from './intents';
import { useTraceStore } from './state/trace-store';
import { OpenSolution } from './OpenSolution';

export function ProblemForm() {
  const intents = useIntents();
  const { problem, status, setProblem } = useTraceStore(
    useShallow((s) => ({ problem: s.problem, status: s.status, setProblem: s.setProblem })),
  );
  const solving = status === 'solving';
  const canSolve = !solving && problem.trim() !== '';
  const solveButton = useRef<HTMLButtonElement>(null);
  const box = useRef<HTMLTextAreaElement>(null);
  const wasSolving = useRef(false);
  const lockedNow = useRef(solving);
  lockedNow.current = solving;

  // Edits are refused while solving without the `readonly` attribute: toggling it lays the whole text out again,
  // a second for a problem of 50,000 lines.
  useEffect(() => {
    const textarea = box.current;
    const refuse = (e: InputEvent) => {
      if (lockedNow.current) e.preventDefault();
    };
    textarea?.addEventListener('beforeinput', refuse);
    return () => textarea?.removeEventListener('beforeinput', refuse);
  }, []);

  // Stop leaves when the solve ends; focus it held would fall to the page, so it goes back to Solve.
  useEffect(() => {
    const ended = wasSolving.current && !solving;
    wasSolving.current = solving;
    if (ended && document.activeElement === document.body) solveButton.current?.focus();
  }, [solving]);

  function onKeyDown(e: KeyboardEvent<HTMLTextAreaElement>) {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      if (canSolve) intents.solve(problem);
    }
  }

  return (
    <form
      className="panel problem-form"
      onSubmit={(e) => {
        e.preventDefault();
        if (canSolve) intents.solve(problem);
      }}
    >
      <label htmlFor="problem" className="field-label">
        Problem
      </label>
      <textarea
        id="problem"
        ref={box}
        rows={4}
        value={problem}
        aria-readonly={solving}
        placeholder="e.g. Solve x^2 - x - 6 = 0 and give the sum of the roots."
        aria-describedby="problem-hint"
        onChange={(e) => {
          if (!lockedNow.current) setProblem(e.target.value);
        }}
        onKeyDown={onKeyDown}
      />
      <p id="problem-hint" className="muted hint">
        Ctrl+Enter (⌘+Enter on a Mac) solves.
      </p>
      <div className="actions">
        {/* aria-disabled, not disabled: a disabled button drops keyboard focus mid-solve. */}
        <button type="submit" className="primary" aria-disabled={!canSolve} ref={solveButton}>
          Solve
        </button>
        {solving && (
          <button type="button" onClick={() => intents.stop()}>
            Stop
          </button>
        )}
        <OpenSolution disabled={solving} />
      </div>
    </form>
  );
}

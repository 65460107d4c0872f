import { useEffect, useId, useRef } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useModeStore } from '../state/mode-store';
import { ProseBlock } from '../trace/ProseBlock';
import type { TraceBlock } from '../trace/trace-block';
import { TraceView } from '../trace/TraceView';
import { nextProse, stepsOf } from './steps';

interface StepByStepProps {
  blocks: readonly TraceBlock[];
  answer: string | null;
  streaming: boolean;
  rerunning: boolean;
  leftOutBlocks?: number;
}

/** The solution one step at a time: the student tries the next step, asks for a hint, then reveals it. */
export function StepByStep({
  blocks,
  answer,
  streaming,
  rerunning,
  leftOutBlocks = 0,
}: StepByStepProps) {
  const { revealed, hintId, attempt, reveal, showHint, setAttempt } = useModeStore(
    useShallow((s) => ({
      revealed: s.revealed,
      hintId: s.hintId,
      attempt: s.attempt,
      reveal: s.reveal,
      showHint: s.showHint,
      setAttempt: s.setAttempt,
    })),
  );
  const steps = stepsOf(blocks);
  const shownSteps = Math.min(revealed, steps.length);
  const shownBlocks = shownSteps === 0 ? 0 : steps[shownSteps - 1]!.end;
  const allShown = shownSteps === steps.length && !streaming;
  const hintable = nextProse(blocks, shownBlocks);
  const hint = hintId !== null ? blocks.slice(shownBlocks).find((b) => b.id === hintId) : undefined;
  const view = useRef<HTMLDivElement>(null);
  const hintBox = useRef<HTMLElement>(null);
  const focusStep = useRef<number | null>(null);
  const attemptId = useId();

  // After "Next step", the new step's first block takes the focus, so reading goes on from there.
  useEffect(() => {
    const index = focusStep.current;
    if (index === null) return;
    focusStep.current = null;
    const item = view.current?.querySelectorAll<HTMLElement>('.trace-list > li')[index];
    if (!item) return;
    item.tabIndex = -1;
    item.focus();
  }, [shownSteps]);

  // A hint asked for is read next; a hint that streams in keeps the focus where it is.
  useEffect(() => {
    if (hintId) hintBox.current?.focus();
  }, [hintId]);

  const next = () => {
    if (shownSteps >= steps.length) return;
    focusStep.current = steps[shownSteps]!.start;
    reveal(shownSteps + 1);
  };

  let progress: string;
  if (shownSteps < steps.length) progress = `Step ${shownSteps} of ${steps.length} shown.`;
  else if (streaming)
    progress = `All ${steps.length} steps so far shown; the next is being written.`;
  else progress = `All ${steps.length} steps shown.`;

  let hintNote = '';
  if (hintId === '' && hintable === null) {
    hintNote = streaming
      ? 'No hint yet: the next explanation has not been written.'
      : 'No more hints: what is left is code and the answer.';
  }

  return (
    <div className="steps" ref={view}>
      <TraceView
        blocks={blocks.slice(0, shownBlocks)}
        answer={allShown ? answer : null}
        streaming={streaming && shownBlocks === blocks.length}
        rerunning={rerunning}
        leftOutBlocks={leftOutBlocks}
      />
      {hint && (
        <section className="steps-hint" aria-label="Hint" tabIndex={-1} ref={hintBox}>
          <p className="trace-label">Hint</p>
          <ProseBlock text={hint.text} done={hint.done} live={false} />
        </section>
      )}
      {!allShown && (
        <div className="steps-controls">
          <label htmlFor={attemptId} className="field-label">
            Your try at the next step
          </label>
          <textarea
            id={attemptId}
            rows={3}
            value={attempt}
            placeholder="Work it out here before you reveal it (not graded)."
            onChange={(e) => setAttempt(e.target.value)}
          />
          <div className="actions">
            <button
              type="button"
              className="primary"
              onClick={next}
              disabled={shownSteps >= steps.length}
            >
              Next step
            </button>
            <button
              type="button"
              onClick={() => showHint(hintable?.id ?? '')}
              disabled={hint !== undefined && hint.id === hintable?.id}
            >
              Hint
            </button>
          </div>
        </div>
      )}
      <p className="muted steps-progress" role="status">
        {progress} {hintNote}
      </p>
    </div>
  );
}

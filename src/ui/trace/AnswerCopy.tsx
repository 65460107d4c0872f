import { useState } from 'react';
import { useExportIntents, type AnswerForm } from '../exports/export-intents.ts';
import { useCopy } from './use-copy.ts';
import './answer-copy.css';

/** Copies the answer as plain text or as LaTeX, and says so where a screen reader hears it. */
export function AnswerCopy({ answer }: { answer: string }) {
  const [state, copy] = useCopy();
  const [form, setForm] = useState<AnswerForm>('text');
  const exports = useExportIntents();
  // A trace view rendered without the app has nothing to convert the answer with, so it offers no copy.
  if (!exports) return null;
  const copyAs = (next: AnswerForm) => {
    setForm(next);
    copy(exports.answerText(answer, next));
  };
  const message =
    state === 'copied'
      ? form === 'text'
        ? 'Copied'
        : 'Copied as LaTeX'
      : state === 'failed'
        ? 'Copy failed: select the answer and copy it'
        : '';

  return (
    <div className="trace-answer-copy">
      <button type="button" aria-label="Copy answer as text" onClick={() => copyAs('text')}>
        Copy
      </button>
      <button type="button" aria-label="Copy answer as LaTeX" onClick={() => copyAs('LaTeX')}>
        Copy LaTeX
      </button>
      {/* A polite live region rather than role=status, so the trace's own announcer stays the only status. */}
      <span className="trace-answer-copied" aria-live="polite">
        {message}
      </span>
    </div>
  );
}

import { useId, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useIntents } from '../intents';
import { useAnswerCheckStore } from '../state/answer-check-store';

const verdictTitle = {
  equal: 'Right',
  'not-equal': 'Not yet',
  unreadable: 'Could not read it',
  ambiguous: 'Not sure what you meant',
  unavailable: 'Not checked',
} as const;

/** The student types an answer; the tutor says whether it equals the solution's, and why not. */
export function CheckAnswer({
  hasAnswer,
  answerHidden,
}: {
  hasAnswer: boolean;
  /** Step by step has not shown the answer yet: the verdict must not give it away. */
  answerHidden: boolean;
}) {
  const intents = useIntents();
  const inputId = useId();
  const [input, setInput] = useState('');
  const { checking, result } = useAnswerCheckStore(
    useShallow((s) => ({ checking: s.checking, result: s.result })),
  );

  return (
    <form
      className="check-answer"
      aria-label="Check my answer"
      onSubmit={(e) => {
        e.preventDefault();
        if (!checking) intents.checkAnswer(input);
      }}
    >
      <h3 className="check-answer-title">Check my answer</h3>
      <label htmlFor={inputId} className="field-label">
        Your answer
      </label>
      <div className="check-answer-row">
        <input
          id={inputId}
          type="text"
          value={input}
          autoComplete="off"
          spellCheck={false}
          placeholder="e.g. 3/4, 0.75, \frac{3}{4}, (1, 2) or x^2 + 1"
          aria-describedby={`${inputId}-hint`}
          onChange={(e) => setInput(e.target.value)}
        />
        <button type="submit" disabled={checking || input.trim() === ''}>
          {checking ? 'Checking…' : 'Check'}
        </button>
      </div>
      <p id={`${inputId}-hint`} className="muted hint">
        {hasAnswer
          ? 'Plain or LaTeX. Fractions, decimals, sets, intervals, inequalities and formulas count when they are equal; units are ignored.'
          : 'You can check once the solution has an answer.'}
      </p>
      <p className="check-answer-result" role="status" data-verdict={result?.verdict ?? 'none'}>
        {result && (
          <>
            <strong>{verdictTitle[result.verdict]}.</strong>{' '}
            {answerHidden ? result.hiddenMessage : result.message}
          </>
        )}
      </p>
    </form>
  );
}

import { memo } from 'react';
import { AnswerCopy } from './AnswerCopy.tsx';
import { AnswerBody } from './AnswerBody.tsx';

// Memoised so tokens arriving after the answer do not re-typeset it.
export const AnswerBlock = memo(function AnswerBlock({ text }: { text: string }) {
  return (
    <section className="trace-answer" data-block="answer" data-done="true" aria-label="Answer">
      <p className="trace-label trace-answer-label" aria-hidden="true">
        Answer
      </p>
      <AnswerBody text={text} />
      <AnswerCopy answer={text} />
    </section>
  );
});

import { memo } from 'react';
import { renderAnswer } from './render-markdown.ts';

// Memoised so tokens arriving after the answer do not re-typeset it.
export const AnswerBlock = memo(function AnswerBlock({ text }: { text: string }) {
  return (
    <section className="trace-answer" data-block="answer" data-done="true" aria-label="Answer">
      <p className="trace-label trace-answer-label" aria-hidden="true">
        Answer
      </p>
      <div className="trace-answer-body" dangerouslySetInnerHTML={{ __html: renderAnswer(text) }} />
    </section>
  );
});

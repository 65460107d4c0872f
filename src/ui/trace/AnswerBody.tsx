import { Suspense } from 'react';
import { useProseRenderers } from './use-prose-renderers.ts';

/** The answer typeset by KaTeX; plain text while the typesetting code loads. */
export function AnswerBody({ text }: { text: string }) {
  return (
    <Suspense fallback={<div className="trace-answer-body trace-plain">{text}</div>}>
      <TypesetAnswer text={text} />
    </Suspense>
  );
}

function TypesetAnswer({ text }: { text: string }) {
  const { renderAnswer } = useProseRenderers();
  return (
    <div className="trace-answer-body" dangerouslySetInnerHTML={{ __html: renderAnswer(text) }} />
  );
}

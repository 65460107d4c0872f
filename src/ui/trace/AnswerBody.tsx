import { Suspense } from 'react';
import { useProseRenderers } from './use-prose-renderers.ts';
import { useTypesetVersion } from './use-typeset-version.ts';

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
  // A large answer is typeset in a worker and replaces its source when it arrives.
  useTypesetVersion();
  return (
    <div className="trace-answer-body" dangerouslySetInnerHTML={{ __html: renderAnswer(text) }} />
  );
}

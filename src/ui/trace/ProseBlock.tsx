import { memo, Suspense } from 'react';
import { isNaiveRender } from './render-mode.ts';
import { useProseRenderers } from './use-prose-renderers.ts';

// TraceItem's memo decides when this runs, so it renders only when its own text changes.
export function ProseBlock({ text, done, live }: { text: string; done: boolean; live: boolean }) {
  return (
    <div className="trace-block trace-prose" data-block="text" data-done={done ? 'true' : 'false'}>
      {/* Plain text for the moment the Markdown and KaTeX code takes to load, the first time only. */}
      <Suspense fallback={<p className="trace-plain">{text}</p>}>
        <ProseParts text={text} live={live} />
      </Suspense>
    </div>
  );
}

function ProseParts({ text, live }: { text: string; live: boolean }) {
  const { renderProse, renderProseParts } = useProseRenderers();
  const parts = isNaiveRender()
    ? [renderProse(text, { streaming: live })]
    : renderProseParts(text, { streaming: live });
  return parts.map((html, index) => <ProsePart key={index} html={html} />);
}

// A settled paragraph keeps its HTML string, so it is neither diffed nor re-parsed by the browser.
const ProsePart = memo(function ProsePart({ html }: { html: string }) {
  return <div className="trace-prose-part" dangerouslySetInnerHTML={{ __html: html }} />;
});

import { memo } from 'react';
import { renderProse, renderProseParts } from './render-markdown.ts';
import { isNaiveRender } from './render-mode.ts';

// TraceItem's memo decides when this runs, so it renders only when its own text changes.
export function ProseBlock({ text, done, live }: { text: string; done: boolean; live: boolean }) {
  const parts = isNaiveRender()
    ? [renderProse(text, { streaming: live })]
    : renderProseParts(text, { streaming: live });
  return (
    <div className="trace-block trace-prose" data-block="text" data-done={done ? 'true' : 'false'}>
      {parts.map((html, index) => (
        <ProsePart key={index} html={html} />
      ))}
    </div>
  );
}

// A settled paragraph keeps its HTML string, so it is neither diffed nor re-parsed by the browser.
const ProsePart = memo(function ProsePart({ html }: { html: string }) {
  return <div className="trace-prose-part" dangerouslySetInnerHTML={{ __html: html }} />;
});

import { renderProse } from './render-markdown.ts';

// TraceItem's memo decides when this runs, so it renders only when its own text changes.
export function ProseBlock({ text, done, live }: { text: string; done: boolean; live: boolean }) {
  return (
    <div
      className="trace-block trace-prose"
      data-block="text"
      data-done={done ? 'true' : 'false'}
      dangerouslySetInnerHTML={{ __html: renderProse(text, { streaming: live }) }}
    />
  );
}

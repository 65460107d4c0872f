import { memo, Suspense } from 'react';
import type { PartHtml } from './render-markdown.ts';
import { isNaiveRender } from './render-mode.ts';
import { useProseRenderers } from './use-prose-renderers.ts';
import { useTypesetVersion } from './use-typeset-version.ts';

// TraceItem's memo decides when this runs, so it renders only when its own text changes (or a large formula arrives).
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
  // A formula typeset in a worker replaces its source when it arrives.
  useTypesetVersion();
  const parts: PartHtml[] = isNaiveRender()
    ? [renderProse(text, { streaming: live })]
    : renderProseParts(text, { streaming: live });
  return parts.map((part, index) =>
    typeof part === 'string' ? (
      <ProsePart key={index} html={part} />
    ) : (
      <div key={index} className="trace-prose-part">
        <p className="trace-prose-runs">
          {part.paragraph.length > RUNS_PER_GROUP
            ? groupsOf(part.paragraph).map((runs, groupIndex) => (
                <ProseRunGroup key={groupIndex} runs={runs} />
              ))
            : part.paragraph.map((run, runIndex) => <ProseRun key={runIndex} html={run} />)}
        </p>
      </div>
    ),
  );
}

/** Runs per line group of a paragraph of over 128 formulas: each group starts a line. */
const RUNS_PER_GROUP = 8;

function groupsOf(runs: string[]): string[][] {
  const groups: string[][] = [];
  for (let start = 0; start < runs.length; start += RUNS_PER_GROUP)
    groups.push(runs.slice(start, start + RUNS_PER_GROUP));
  return groups;
}

// A paragraph of thousands of formulas is one inline flow that the browser lays out whole on every streamed chunk;
// in groups of lines, each a block of its own, a chunk lays out only the last group again.
const ProseRunGroup = memo(
  function ProseRunGroup({ runs }: { runs: string[] }) {
    return (
      <span className="trace-prose-run-group">
        {runs.map((run, runIndex) => (
          <ProseRun key={runIndex} html={run} />
        ))}
      </span>
    );
  },
  (before, after) =>
    before.runs.length === after.runs.length &&
    before.runs.every((run, i) => run === after.runs[i]),
);

// A settled paragraph keeps its HTML string, so it is neither diffed nor re-parsed by the browser.
const ProsePart = memo(function ProsePart({ html }: { html: string }) {
  return <div className="trace-prose-part" dangerouslySetInnerHTML={{ __html: html }} />;
});

// The same for a run of a long paragraph: while it streams, the browser parses only its last run again. Runs stay
// inline, so the paragraph reads as one; a line break every few formulas would cut sentences in two.
const ProseRun = memo(function ProseRun({ html }: { html: string }) {
  return <span className="trace-prose-run" dangerouslySetInnerHTML={{ __html: html }} />;
});

// KaTeX's stylesheet comes with the first page, not with KaTeX: its @font-face rules, added later, lay out again
// every line of text on the page (seconds for a problem of 50,000 lines). Its fonts still load only when a formula shows.
import 'katex/dist/katex.min.css';
import './trace.css';
import './code-tools.css';
import { Fragment, useRef } from 'react';
import { AnswerBlock } from './AnswerBlock.tsx';
import { TraceItem } from './TraceItem.tsx';
import type { TraceBlock } from './trace-block.ts';
import { useAnnouncement } from './use-announcement.ts';
import { useFollowScroll } from './use-follow-scroll.ts';

export interface TraceViewProps {
  blocks: readonly TraceBlock[];
  answer: string | null;
  streaming: boolean;
  /** Edited cells are running again: their outputs show as running. */
  rerunning?: boolean;
  /** The first this many blocks are no longer in the model's context: a mark follows the last of them. */
  leftOutBlocks?: number;
}

function ContextMark({ count }: { count: number }) {
  return (
    <li className="trace-context-mark">
      <p role="note" aria-label="Left out of the model’s context">
        <strong>Left out of the model’s context:</strong> the{' '}
        {count === 1 ? 'step' : `${count} steps`} above. Its context window was full, so it goes on
        from the problem and the steps below.
      </p>
    </li>
  );
}

export function TraceView({
  blocks,
  answer,
  streaming,
  rerunning = false,
  leftOutBlocks = 0,
}: TraceViewProps) {
  const root = useRef<HTMLDivElement>(null);
  const last = blocks.at(-1);
  useFollowScroll(
    root,
    `${blocks.length}:${last?.text.length ?? 0}:${String(last?.done)}:${answer ?? ''}`,
    streaming,
  );
  const announcement = useAnnouncement(blocks, answer);

  return (
    <div className="trace" ref={root} data-streaming={streaming ? 'true' : 'false'}>
      {/* Explicit role: Safari drops list semantics from a list styled without markers. */}
      <ol className="trace-list" role="list" aria-label="Solution steps">
        {blocks.map((block, i) => (
          <Fragment key={block.id}>
            <TraceItem block={block} live={(streaming || rerunning) && !block.done} />
            {i === leftOutBlocks - 1 && <ContextMark count={leftOutBlocks} />}
          </Fragment>
        ))}
      </ol>
      {answer !== null && blocks.some((b) => b.stale) && (
        <p className="trace-stale">
          <strong>Possibly stale:</strong> this answer came before a cell above was edited.
        </p>
      )}
      {answer !== null && <AnswerBlock text={answer} />}
      {/* Named, so tests and assistive tech can tell it from other status messages on the page. */}
      <div
        className="trace-visually-hidden"
        role="status"
        aria-live="polite"
        aria-atomic="true"
        aria-label="Solution progress"
      >
        {announcement}
      </div>
    </div>
  );
}

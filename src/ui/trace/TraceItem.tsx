import { memo } from 'react';
import { CodeBlock } from './CodeBlock.tsx';
import { ExecutionBlock } from './ExecutionBlock.tsx';
import { ProseBlock } from './ProseBlock.tsx';
import { NAIVE_RENDER } from './naive-render.ts';
import { sameBlock } from './trace-block.ts';
import type { TraceBlock } from './trace-block.ts';

interface TraceItemProps {
  block: TraceBlock;
  /** Still receiving tokens. */
  live: boolean;
}

function TraceItemView({ block, live }: TraceItemProps) {
  return (
    <li className="trace-item" data-stale={block.stale ? 'true' : undefined}>
      {block.stale && (
        <p className="trace-stale">
          <strong>Possibly stale:</strong> written before a cell above was edited and run again.
        </p>
      )}
      {block.kind === 'text' && <ProseBlock text={block.text} done={block.done} live={live} />}
      {block.kind === 'code' && (
        <CodeBlock id={block.id} text={block.text} done={block.done} edited={block.edited} />
      )}
      {block.kind === 'execution' && (
        <ExecutionBlock
          text={block.text}
          done={block.done}
          live={live}
          execution={block.execution}
        />
      )}
    </li>
  );
}

// Compared by value so a new token re-renders only the block that grew, even if the store copies the others.
export const TraceItem = memo(
  TraceItemView,
  (a, b) => !NAIVE_RENDER && a.live === b.live && sameBlock(a.block, b.block),
);

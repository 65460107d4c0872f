// Pure changes to a trace for edit & re-run; the app layer applies them to the trace store.
import type { CellOutput, TraceBlock } from '../types';

export interface EditedTrace {
  blocks: TraceBlock[];
  /** Index of the edited code block in `blocks`. */
  from: number;
}

/**
 * The edited cell takes its new code; it and every later code cell get an output block waiting for its new
 * output (added where a cell had none), and later prose is marked possibly stale.
 */
export function applyCodeEdit(
  blocks: readonly TraceBlock[],
  codeId: string,
  code: string,
): EditedTrace | null {
  const from = blocks.findIndex((b) => b.id === codeId && b.kind === 'code');
  if (from === -1) return null;
  const next: TraceBlock[] = blocks.slice(0, from);
  for (let i = from; i < blocks.length; i++) {
    const block = blocks[i]!;
    if (block.kind === 'code') {
      next.push(i === from ? { ...block, text: code, edited: true } : block);
      const output = blocks[i + 1]?.kind === 'execution' ? blocks[i + 1]! : null;
      next.push({
        id: output?.id ?? `${block.id}-output`,
        kind: 'execution',
        text: '',
        done: false,
      });
      if (output) i++;
    } else if (block.kind === 'text') {
      next.push({ ...block, stale: true });
    } else {
      next.push(block);
    }
  }
  return { blocks: next, from };
}

/** Shows a re-run cell's output in the block after the code block at `codeIndex`. */
export function withCellOutput(
  blocks: readonly TraceBlock[],
  codeIndex: number,
  output: CellOutput,
): TraceBlock[] {
  const target = blocks[codeIndex + 1];
  if (blocks[codeIndex]?.kind !== 'code' || target?.kind !== 'execution') return blocks.slice();
  const next = blocks.slice();
  next[codeIndex + 1] = {
    ...target,
    text: output.text.trim(),
    done: true,
    execution: { error: output.error, timedOut: output.timedOut, durationMs: output.durationMs },
  };
  return next;
}

/** The blocks that become the model's context when it continues from a code cell: up to and including its output. */
export function continuePrefix(blocks: readonly TraceBlock[], codeId: string): TraceBlock[] | null {
  const index = blocks.findIndex((b) => b.id === codeId && b.kind === 'code');
  if (index === -1) return null;
  const end = blocks[index + 1]?.kind === 'execution' ? index + 2 : index + 1;
  return blocks.slice(0, end);
}

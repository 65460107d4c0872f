import type { TraceBlock } from './trace-block.ts';

const MAX_SNIPPET = 100;

/** A short sentence for the live region when a block finishes. */
export function describeBlock(block: TraceBlock, index: number): string {
  const step = index + 1;
  if (block.kind === 'text') return `Step ${step} written`;
  if (block.kind === 'code') return `Step ${step}: code written`;
  if (block.execution?.timedOut) return 'Code timed out';
  const lines = block.text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
  if (block.execution?.error) return `Code ran with an error: ${snippet(lines.at(-1) ?? '')}`;
  if (lines.length === 0) return 'Code ran: no output';
  return `Code ran: output ${snippet(lines[0] ?? '')}`;
}

export function describeAnswer(answer: string): string {
  return `Answer: ${snippet(answer)}`;
}

function snippet(text: string): string {
  return text.length > MAX_SNIPPET ? `${text.slice(0, MAX_SNIPPET)}…` : text;
}

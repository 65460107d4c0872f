import type { TraceBlock } from '../trace/trace-block';

/** One step of step-by-step mode: a prose block, or a code cell together with its output. */
export interface Step {
  /** Index of the step's first block. */
  start: number;
  /** Index after its last block. */
  end: number;
}

export function stepsOf(blocks: readonly TraceBlock[]): Step[] {
  const steps: Step[] = [];
  for (let i = 0; i < blocks.length; i++) {
    const withOutput = blocks[i]!.kind === 'code' && blocks[i + 1]?.kind === 'execution';
    steps.push({ start: i, end: withOutput ? i + 2 : i + 1 });
    if (withOutput) i++;
  }
  return steps;
}

/** The next prose block not yet shown, for a hint. */
export function nextProse(blocks: readonly TraceBlock[], shown: number): TraceBlock | null {
  return blocks.slice(shown).find((b) => b.kind === 'text') ?? null;
}

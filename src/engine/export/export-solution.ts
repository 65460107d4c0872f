import type { BlockKind } from '../types';

/** A whole solution as the exports read it: the trace's blocks in order, with how each execution ended. */
export interface ExportSolution {
  problem: string;
  blocks: ReadonlyArray<{
    kind: BlockKind;
    text: string;
    execution?: { error: boolean; timedOut: boolean };
  }>;
  answer: string | null;
  /** The model's label, or the saved solution's name for a playback. */
  model?: string | null;
}

/** A code block and the execution that followed it, or a prose block. */
export type ExportStep =
  { kind: 'text'; text: string } | { kind: 'code'; code: string; output: ExportOutput | null };

export interface ExportOutput {
  text: string;
  status: 'ok' | 'error' | 'timeout';
}

/** Pairs each code block with the execution right after it; a stray execution joins the code before it. */
export function toSteps(solution: ExportSolution): ExportStep[] {
  const steps: ExportStep[] = [];
  for (const block of solution.blocks) {
    if (block.kind === 'text') {
      if (block.text.trim() !== '') steps.push({ kind: 'text', text: block.text });
    } else if (block.kind === 'code') {
      steps.push({ kind: 'code', code: block.text, output: null });
    } else {
      const status = block.execution?.timedOut
        ? 'timeout'
        : block.execution?.error
          ? 'error'
          : 'ok';
      const last = steps.at(-1);
      if (last?.kind === 'code' && last.output === null) last.output = { text: block.text, status };
      else steps.push({ kind: 'code', code: '', output: { text: block.text, status } });
    }
  }
  return steps;
}

/** A safe file name from the problem's first words. */
export function exportFileName(problem: string, extension: string): string {
  const words = problem
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
    .split(/\s+/)
    .slice(0, 8)
    .join('-')
    .toLowerCase()
    .slice(0, 60)
    .replace(/-+$/, '');
  return `${words || 'solution'}.${extension}`;
}

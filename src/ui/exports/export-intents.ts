import { createContext, useContext } from 'react';
import type { TraceBlock } from '../state/trace-store';

/** The solution on screen, as the downloads read it. */
export interface ShownSolution {
  problem: string;
  blocks: readonly TraceBlock[];
  answer: string | null;
  /** The model's label, or the saved solution's name for a playback. */
  modelLabel: string | null;
  /** The live model's id, written into a saved solution. */
  modelId: string | undefined;
}

export type SolutionFileKind = 'markdown' | 'notebook' | 'saved';

/** A file for the browser to save. */
export interface SolutionFile {
  name: string;
  text: string;
  type: string;
}

export type AnswerForm = 'text' | 'LaTeX';

/** What the downloads and the answer's copy buttons ask the app to make; the converters live in the engine. */
export interface ExportIntents {
  solutionFile(kind: SolutionFileKind, solution: ShownSolution): SolutionFile;
  /** The answer as plain text (`\frac{1}{2}` as `1/2`) or as bare LaTeX. */
  answerText(answer: string, form: AnswerForm): string;
}

export const ExportIntentsContext = createContext<ExportIntents | null>(null);

export function useExportIntents(): ExportIntents | null {
  return useContext(ExportIntentsContext);
}

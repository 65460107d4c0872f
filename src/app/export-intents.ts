import { serializeSolution } from '../engine/backends/saved-solution';
import { answerLatex, answerPlainText } from '../engine/export/answer-text';
import { exportFileName, type ExportSolution } from '../engine/export/export-solution';
import { solutionToMarkdown } from '../engine/export/to-markdown';
import { notebookJson, solutionToNotebook } from '../engine/export/to-notebook';
import type { ExportIntents, ShownSolution, SolutionFileKind } from '../ui/exports/export-intents';

const fileKinds: Record<SolutionFileKind, { extension: string; type: string }> = {
  markdown: { extension: 'md', type: 'text/markdown;charset=utf-8' },
  notebook: { extension: 'ipynb', type: 'application/x-ipynb+json' },
  saved: { extension: 'json', type: 'application/json' },
};

function fileText(kind: SolutionFileKind, shown: ShownSolution): string {
  const { problem, blocks, answer, modelLabel } = shown;
  const solution: ExportSolution = { problem, blocks, answer, model: modelLabel };
  if (kind === 'markdown') return solutionToMarkdown(solution);
  if (kind === 'notebook') return notebookJson(solutionToNotebook(solution));
  return serializeSolution(shown.problem, shown.blocks, shown.modelId);
}

/** The engine's pure converters behind the UI's download and copy buttons. */
export const exportIntents: ExportIntents = {
  solutionFile(kind, shown) {
    const { extension, type } = fileKinds[kind];
    return { name: exportFileName(shown.problem, extension), text: fileText(kind, shown), type };
  },
  answerText: (answer, form) => (form === 'LaTeX' ? answerLatex(answer) : answerPlainText(answer)),
};

import { toSteps, type ExportOutput, type ExportSolution } from './export-solution';
import { inertMarkdown } from './inert-markup';

// nbformat 4.5: the fields below are what its JSON schema requires.
export interface NotebookMarkdownCell {
  id: string;
  cell_type: 'markdown';
  metadata: Record<string, unknown>;
  source: string[];
}

export type NotebookOutput =
  | { output_type: 'stream'; name: 'stdout' | 'stderr'; text: string[] }
  | { output_type: 'error'; ename: string; evalue: string; traceback: string[] };

export interface NotebookCodeCell {
  id: string;
  cell_type: 'code';
  metadata: Record<string, unknown>;
  source: string[];
  outputs: NotebookOutput[];
  execution_count: number | null;
}

export interface Notebook {
  nbformat: 4;
  nbformat_minor: 5;
  metadata: {
    kernelspec: { name: string; display_name: string; language: string };
    language_info: { name: string; file_extension: string; mimetype: string };
    mathcoder_tutor: { problem: string; answer: string | null; model: string | null };
  };
  cells: Array<NotebookMarkdownCell | NotebookCodeCell>;
}

/** Jupyter's multiline strings: a list of lines, each but the last keeping its newline. */
function lines(text: string): string[] {
  if (text === '') return [];
  return text.match(/[^\n]*\n|[^\n]+$/g) ?? [];
}

// The kernel prints a traceback with the exception line last: "NameError: name 'x' is not defined".
const EXCEPTION_LINE = /^([A-Za-z_][\w.]*)(?::\s?(.*))?$/;

function toOutputs(output: ExportOutput | null): NotebookOutput[] {
  if (!output || output.text === '') return [];
  if (output.status === 'ok')
    return [{ output_type: 'stream', name: 'stdout', text: lines(output.text) }];
  const all = output.text.replace(/\n+$/, '').split('\n');
  const last = all.findLast((line) => line.trim() !== '')?.trim() ?? '';
  const match = EXCEPTION_LINE.exec(last);
  const ename = match?.[1] ?? (output.status === 'timeout' ? 'TimeoutError' : 'Error');
  const evalue = match ? (match[2] ?? '') : last;
  return [{ output_type: 'error', ename, evalue, traceback: all }];
}

/** The whole solution as a Jupyter notebook (nbformat 4.5): prose as Markdown cells, code with its outputs. */
export function solutionToNotebook(solution: ExportSolution): Notebook {
  const cells: Notebook['cells'] = [];
  const id = () => `cell-${cells.length + 1}`;
  const markdown = (text: string) =>
    cells.push({
      id: id(),
      cell_type: 'markdown',
      metadata: {},
      source: lines(inertMarkdown(text)),
    });

  markdown(`# Problem\n\n${solution.problem.trim()}`);
  let count = 0;
  for (const step of toSteps(solution)) {
    if (step.kind === 'text') {
      markdown(step.text.trim());
      continue;
    }
    cells.push({
      id: id(),
      cell_type: 'code',
      metadata: {},
      source: lines(step.code),
      outputs: toOutputs(step.output),
      execution_count: step.output ? ++count : null,
    });
  }
  if (solution.answer !== null) markdown(`## Answer\n\n$${solution.answer}$`);

  return {
    nbformat: 4,
    nbformat_minor: 5,
    metadata: {
      kernelspec: { name: 'python3', display_name: 'Python 3 (ipykernel)', language: 'python' },
      language_info: { name: 'python', file_extension: '.py', mimetype: 'text/x-python' },
      mathcoder_tutor: {
        problem: solution.problem,
        answer: solution.answer,
        model: solution.model ?? null,
      },
    },
    cells,
  };
}

export function notebookJson(notebook: Notebook): string {
  return `${JSON.stringify(notebook, null, 1)}\n`;
}

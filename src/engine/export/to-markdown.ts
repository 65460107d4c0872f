import { toSteps, type ExportSolution } from './export-solution';
import { inertMarkdown } from './inert-markup';

/** A fence longer than any run of backticks inside, so code containing ``` stays intact. */
function fenced(text: string, language: string): string {
  const longest = Math.max(0, ...Array.from(text.matchAll(/`+/g), (m) => m[0].length));
  const fence = '`'.repeat(Math.max(3, longest + 1));
  return `${fence}${language}\n${text.replace(/\n$/, '')}\n${fence}`;
}

const outputLabel = { ok: 'Output', error: 'Output (error)', timeout: 'Output (timed out)' };

/** The whole solution as Markdown: the problem, prose as written, code and its output fenced, the answer. */
export function solutionToMarkdown(solution: ExportSolution): string {
  const parts = [`# Problem\n\n${inertMarkdown(solution.problem.trim())}`, '## Solution'];
  for (const step of toSteps(solution)) {
    if (step.kind === 'text') {
      parts.push(inertMarkdown(step.text.trim()));
      continue;
    }
    if (step.code !== '') parts.push(fenced(step.code, 'python'));
    if (step.output) {
      parts.push(`${outputLabel[step.output.status]}:\n\n${fenced(step.output.text, 'text')}`);
    }
  }
  if (solution.answer !== null) parts.push(`## Answer\n\n$${inertMarkdown(solution.answer)}$`);
  if (solution.model)
    parts.push(`---\n\n_Solved by ${inertMarkdown(solution.model)} in MathCoder Tutor._`);
  return `${parts.join('\n\n')}\n`;
}

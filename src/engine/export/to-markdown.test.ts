import { describe, expect, it } from 'vitest';
import { exportFileName } from './export-solution';
import { solutionToMarkdown } from './to-markdown';
import { quadratic } from './quadratic-solution';

describe('Markdown export', () => {
  it('has the problem, the prose, the code and its outputs, and the answer, in order', () => {
    const md = solutionToMarkdown(quadratic);
    const order = [
      '# Problem',
      'x^2 - x - 6 = 0. What is the sum',
      "Let's find the roots",
      '```python\nfrom sympy import symbols, solve',
      'Output:\n\n```text\n[-2, 3]\n```',
      'Output (error):',
      "NameError: name 'product' is not defined\n```",
      '```python\nproduct = roots[0] * roots[1]',
      'Output:\n\n```text\n13\n```',
      '## Answer\n\n$13$',
      '_Solved by Saved solution quadratic.json in MathCoder Tutor._',
    ].map((part) => md.indexOf(part));
    expect(order.every((at) => at >= 0)).toBe(true);
    expect(order).toEqual([...order].sort((a, b) => a - b));
  });

  it('fences code that itself contains a fence with a longer one', () => {
    const md = solutionToMarkdown({
      problem: 'Fences',
      answer: null,
      blocks: [{ kind: 'code', text: 'print("```")' }],
    });
    expect(md).toContain('````python\nprint("```")\n````');
  });
});

describe('export file names', () => {
  it('come from the problem’s first words and are safe everywhere', () => {
    expect(exportFileName(quadratic.problem, 'ipynb')).toBe('solve-x-2-x-6-0-what-is.ipynb');
    expect(exportFileName('  /../..  ', 'md')).toBe('solution.md');
    expect(exportFileName('Résous  2x = 4', 'md')).toBe('resous-2x-4.md');
  });
});

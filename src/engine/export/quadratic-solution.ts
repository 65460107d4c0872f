import type { ExportSolution } from './export-solution';

const ok = { error: false, timedOut: false };

/** The quadratic playback as the tutor records it: an error the model then fixes, and the boxed answer. */
export const quadratic: ExportSolution = {
  problem: 'Solve x^2 - x - 6 = 0. What is the sum of the squares of its roots?',
  model: 'Saved solution quadratic.json',
  answer: '13',
  blocks: [
    { kind: 'text', text: "Let's find the roots of \\(x^2 - x - 6 = 0\\) with sympy." },
    {
      kind: 'code',
      text: "from sympy import symbols, solve\n\nx = symbols('x')\nroots = solve(x**2 - x - 6, x)\nroots",
    },
    { kind: 'execution', text: '[-2, 3]', execution: ok },
    { kind: 'text', text: 'The sum of the squares is \\((r_1 + r_2)^2 - 2 r_1 r_2\\).' },
    { kind: 'code', text: 'total = sum(roots)\ntotal**2 - 2*product' },
    {
      kind: 'execution',
      text: [
        '---------------------------------------------------------------------------',
        'NameError                                 Traceback (most recent call last)',
        'Cell In[2], line 2',
        '      1 total = sum(roots)',
        '----> 2 total**2 - 2*product',
        '',
        "NameError: name 'product' is not defined",
      ].join('\n'),
      execution: { error: true, timedOut: false },
    },
    { kind: 'code', text: 'product = roots[0] * roots[1]\ntotal**2 - 2*product' },
    { kind: 'execution', text: '13', execution: ok },
    { kind: 'text', text: 'So the answer is \\(\\boxed{13}\\).' },
  ],
};

// "Check my answer" for real: the grader and SymPy in Node's Pyodide sandbox, as the app runs them in its worker.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkAnswer } from '../../src/engine/grading/check-answer.ts';
import type { SymbolicChecker } from '../../src/engine/grading/symbolic.ts';
import type { PythonSandbox } from '../../src/sandbox/python-sandbox.ts';
import { createNodeChecker, startNodeSandbox } from './eval-python.ts';

let sandbox: PythonSandbox;
let checker: SymbolicChecker;

beforeAll(async () => {
  sandbox = await startNodeSandbox(() => {});
  checker = createNodeChecker(sandbox);
}, 180_000);

afterAll(() => sandbox?.dispose());

describe('checkAnswer', () => {
  it.each([
    ['13.0', '13'],
    ['26/2', '\\boxed{13}'],
    ['\\frac{26}{2}', '13'],
    ['13 cm', '13'],
    ['0.33333', '\\frac{1}{3}'],
    ['\\{3, -2\\}', '\\{-2, 3\\}'],
    ['(1, \\frac{1}{2})', '(1, 0.5)'],
    ['(x+1)^2', 'x^2 + 2x + 1'],
    ['\\sqrt{8}', '2\\sqrt{2}'],
    ['y = 2x + 1', '2x - y + 1 = 0'],
    ['x = 3 or x = 5', '3, 5'],
    ['x >= 5', '[5, \\infty)'],
    ['√3/3', '\\frac{1}{\\sqrt{3}}'],
    ['x² − 1', '(x-1)(x+1)'],
    ['The answer is 2,5 €.', '\\frac{5}{2}'],
    ['\\begin{pmatrix} 1 \\\\ 2 \\end{pmatrix}', '(1, 2)'],
    ['x^2 > 4', 'x < -2 \\text{ or } x > 2'],
    ['|x| \\le 3', '[-3, 3]'],
  ])('%s equals %s', async (student, answer) => {
    const check = await checkAnswer(student, answer, checker);
    expect(check.verdict).toBe('equal');
    expect(check.message).toMatch(/^Equal: /);
  });

  it('says what differs when the answer is wrong', async () => {
    expect(await checkAnswer('0.5', '1/3', checker)).toEqual({
      verdict: 'not-equal',
      message: 'Not equal: 0.5 ≠ 1/3.',
      hiddenMessage: "Not equal: 0.5 is not the solution's answer.",
    });
    expect(await checkAnswer('12', '\\boxed{13}', checker)).toMatchObject({
      verdict: 'not-equal',
      message: 'Not equal: 12 ≠ 13.',
    });
    expect(await checkAnswer('x^2 + 1', '(x+1)^2', checker)).toMatchObject({
      verdict: 'not-equal',
    });
    expect((await checkAnswer('(1, 2)', '(1, 2, 3)', checker)).message).toBe(
      "Not equal: (1, 2) ≠ (1, 2, 3). Your answer has 2 values, the solution's has 3.",
    );
  });

  it('says where a set of reals goes wrong, in symbols a student reads', async () => {
    expect(await checkAnswer('x > 5', 'x \\geq 5', checker)).toEqual({
      verdict: 'not-equal',
      message: 'Not equal: x > 5 excludes 5.',
      hiddenMessage: "Not equal: x > 5 is not the solution's answer.",
    });
    expect((await checkAnswer('x>=5', 'x > 5', checker)).message).toBe(
      "Not equal: x ≥ 5 includes 5, the solution's answer does not.",
    );
    expect((await checkAnswer('x >= 5', '5 \\le x', checker)).message).toBe(
      "Equal: your answer x ≥ 5 matches the solution's 5 ≤ x.",
    );
    expect(
      (await checkAnswer('x^2 >= 4', '(-\\infty, -2) \\cup (2, \\infty)', checker)).message,
    ).toBe("Not equal: x^2 ≥ 4 includes -2, the solution's answer does not.");
    expect((await checkAnswer('x = 3', '3, 5', checker)).message).toBe(
      "Not equal: x = 3 ≠ 3, 5. Your answer has 1 value, the solution's has 2.",
    );
  });

  it('says when a separator makes a number ambiguous', async () => {
    expect(await checkAnswer('1,000', '1', checker)).toEqual({
      verdict: 'ambiguous',
      message:
        "Couldn't tell whether 1,000 means one thousand or 1.000: write it without a separator.",
      hiddenMessage:
        "Couldn't tell whether 1,000 means one thousand or 1.000: write it without a separator.",
    });
    expect((await checkAnswer('1,000', '1000', checker)).verdict).toBe('equal');
  });

  it('says when it cannot read the answer, and when there is none', async () => {
    for (const unreadable of ['3 +', '\\unknowncommand{3}']) {
      const check = await checkAnswer(unreadable, '13', checker);
      expect(check.verdict, unreadable).toBe('unreadable');
      expect(check.message).toContain("Couldn't read your answer");
    }
    expect((await checkAnswer('   ', '13', checker)).verdict).toBe('unreadable');
  });
});

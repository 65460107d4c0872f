// "Check my answer" for real: the grader and SymPy in Node's Pyodide sandbox, as the app runs them in its worker.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkAnswer } from '../src/engine/grading/check-answer.ts';
import type { SymbolicChecker } from '../src/engine/grading/symbolic.ts';
import type { PythonSandbox } from '../src/sandbox/python-sandbox.ts';
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

  it('says when it cannot read the answer, and when there is none', async () => {
    for (const unreadable of ['3 +', '\\unknowncommand{3}']) {
      const check = await checkAnswer(unreadable, '13', checker);
      expect(check.verdict, unreadable).toBe('unreadable');
      expect(check.message).toContain("Couldn't read your answer");
    }
    expect((await checkAnswer('   ', '13', checker)).verdict).toBe('unreadable');
  });
});

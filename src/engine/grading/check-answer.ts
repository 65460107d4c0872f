// "Check my answer": the grader's verdict on a student's answer, with a short reason when it is not equal.
import { answersEqual } from './equivalence';
import { normalizeAnswer, splitTopLevel } from './normalize';
import { evaluateNumeric } from './numeric';
import type { SymbolicChecker } from './symbolic';

export type AnswerVerdict = 'equal' | 'not-equal' | 'unreadable';

export interface AnswerCheck {
  verdict: AnswerVerdict;
  /** One sentence for the student. */
  message: string;
  /** The same without the solution's answer, for a student who has not revealed it yet. */
  hiddenMessage: string;
}

const OUTER = /^(?:\\\{([\s\S]*)\\\}|\(([\s\S]*)\)|\[([\s\S]*)\])$/;

/** The top-level items of an answer: one for a value, several for a tuple, list or set. */
function itemsOf(text: string): string[] {
  const inner = OUTER.exec(text);
  const body = inner ? (inner[1] ?? inner[2] ?? inner[3] ?? '') : text;
  return splitTopLevel(body).filter((item) => item !== '');
}

/** Whether the grader can make sense of every item: a number, or something SymPy reads. */
async function readable(text: string, checker: SymbolicChecker): Promise<boolean> {
  for (const item of itemsOf(text)) {
    if (evaluateNumeric(item) !== null) continue;
    if ((await checker.equal(item, item, 'relative')) === null) return false;
  }
  return true;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** Compares `student` with the solution's `answer` as the grader does (numbers, fractions, sets, tuples, formulas; units ignored). */
export async function checkAnswer(
  student: string,
  answer: string,
  checker: SymbolicChecker,
): Promise<AnswerCheck> {
  const yours = normalizeAnswer(student).text;
  const theirs = normalizeAnswer(answer).text;
  if (yours === '') {
    const message = 'Type an answer first: a number, a fraction or a formula.';
    return { verdict: 'unreadable', message, hiddenMessage: message };
  }
  if (await answersEqual(student, answer, { checker })) {
    return {
      verdict: 'equal',
      message: `Equal: your answer ${yours} matches the solution's ${theirs}.`,
      hiddenMessage: `Equal: your answer ${yours} matches the solution's answer.`,
    };
  }
  if (!(await readable(yours, checker))) {
    const message = `Couldn't read your answer "${student.trim()}". Write it as a number, a fraction like 3/4, or a formula like 2x + 1 (plain or LaTeX).`;
    return { verdict: 'unreadable', message, hiddenMessage: message };
  }
  const mine = itemsOf(yours).length;
  const solution = itemsOf(theirs).length;
  const counts =
    mine !== solution
      ? ` Your answer has ${plural(mine, 'value')}, the solution's has ${solution}.`
      : '';
  return {
    verdict: 'not-equal',
    message: `Not equal: ${yours} ≠ ${theirs}.${counts}`,
    hiddenMessage: `Not equal: ${yours} is not the solution's answer.${counts}`,
  };
}

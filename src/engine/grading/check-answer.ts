// "Check my answer": the grader's verdict on a student's answer, with a short reason when it is not equal.
import {
  answerLeaves,
  compareAnswers,
  solvedRelation,
  valueCount,
  type Comparison,
} from './equivalence';
import { normalizeAnswer } from './normalize';
import { evaluateNumeric } from './numeric';
import { realSetOf } from './real-sets';
import { separatorReadings, spokenNumber } from './separators';
import type { SymbolicChecker } from './symbolic';

export type AnswerVerdict = 'equal' | 'not-equal' | 'unreadable' | 'ambiguous';

export interface AnswerCheck {
  verdict: AnswerVerdict;
  /** One sentence for the student. */
  message: string;
  /** The same without the solution's answer, for a student who has not revealed it yet. */
  hiddenMessage: string;
}

// The few LaTeX words a student reads more easily as symbols.
const SYMBOLS: Array<[RegExp, string]> = [
  [/\\ge /g, '≥ '],
  [/\\le /g, '≤ '],
  [/\\ne /g, '≠ '],
  [/\\pm ?/g, '±'],
  [/\\infty/g, '∞'],
  [/\\emptyset ?/g, '∅'],
  [/\\cup/g, '∪'],
];
const shown = (text: string) => SYMBOLS.reduce((s, [from, to]) => s.replace(from, to), text).trim();

/** Whether the grader can make sense of the answer: a set of reals, or values that are numbers or formulas SymPy reads. */
async function readable(text: string, checker: SymbolicChecker): Promise<boolean> {
  if (realSetOf(text) || (await solvedRelation(text, { checker }))) return true;
  for (const item of answerLeaves(text)) {
    if (item === '' || evaluateNumeric(item) !== null) continue;
    if ((await checker.equal(item, item, 'relative')) === null) return false;
  }
  return true;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

function notEqual(mineText: string, theirsText: string, comparison: Comparison): AnswerCheck {
  const yours = shown(mineText);
  const theirs = shown(theirsText);
  const hidden = `Not equal: ${yours} is not the solution's answer.`;
  if (comparison.verdict === 'not-equal' && comparison.difference) {
    const { value, inYours } = comparison.difference;
    return {
      verdict: 'not-equal',
      message: inYours
        ? `Not equal: ${yours} includes ${value}, the solution's answer does not.`
        : `Not equal: ${yours} excludes ${value}.`,
      hiddenMessage: hidden,
    };
  }
  const solution = valueCount(theirsText);
  // `1,22` against one number was read as a decimal, not as two values.
  const mine = solution === 1 && separatorReadings(mineText).length ? 1 : valueCount(mineText);
  const counts =
    mine !== solution
      ? ` Your answer has ${plural(mine, 'value')}, the solution's has ${solution}.`
      : '';
  return {
    verdict: 'not-equal',
    message: `Not equal: ${yours} ≠ ${theirs}.${counts}`,
    hiddenMessage: `${hidden}${counts}`,
  };
}

/** Compares `student` with the solution's `answer` as the grader does (numbers, fractions, sets, intervals, formulas; units ignored). */
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
  const comparison = await compareAnswers(student, answer, { checker });
  if (comparison.verdict === 'equal') {
    return {
      verdict: 'equal',
      message: `Equal: your answer ${shown(yours)} matches the solution's ${shown(theirs)}.`,
      hiddenMessage: `Equal: your answer ${shown(yours)} matches the solution's answer.`,
    };
  }
  if (comparison.verdict === 'ambiguous') {
    const [likeliest, other] = comparison.meanings;
    const message = `Couldn't tell whether ${comparison.written} means ${spokenNumber(likeliest!)} or ${other}: write it without a separator.`;
    return { verdict: 'ambiguous', message, hiddenMessage: message };
  }
  if (!(await readable(yours, checker))) {
    const message = `Couldn't read your answer "${student.trim()}". Write it as a number, a fraction like 3/4, or a formula like 2x + 1 (plain or LaTeX).`;
    return { verdict: 'unreadable', message, hiddenMessage: message };
  }
  return notEqual(yours, theirs, comparison);
}

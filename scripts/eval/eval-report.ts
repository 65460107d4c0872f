// Summaries and disagreement reasons for `npm run eval`, kept apart from the runner so they can be tested.
import { answersEqual } from '../../src/engine/grading/equivalence.ts';
import { normalizeAnswer } from '../../src/engine/grading/normalize.ts';
import { evaluateNumeric } from '../../src/engine/grading/numeric.ts';
import { referenceVerdict } from '../../src/engine/grading/reference.ts';
import type { SymbolicChecker } from '../../src/engine/grading/symbolic.ts';
import type { BlockKind, Usage } from '../../src/engine/types.ts';

export interface ProblemResult {
  index: number;
  gold: string;
  answer: string | null;
  correct: boolean;
  reference: { verdict: boolean; pred: string; gold: string };
  blocks: number;
  cellErrors: number;
  cellTimeouts: number;
  pythonMs: number;
  status: string;
}

export interface SolvedProblem {
  index: number;
  /** The benchmark or trace file's name: GSM8K answers are graded with letters dropped, as the reference does. */
  dataset: string;
  gold: string;
  answer: string | null;
  blocks: Array<{ kind: BlockKind; text: string; error?: boolean; timedOut?: boolean }>;
  pythonMs: number;
  status: string;
}

/** Grades one solved problem with this project's grader and the reference's, as every evaluation path records it. */
export async function gradeSolved(
  solved: SolvedProblem,
  checker: SymbolicChecker,
): Promise<ProblemResult> {
  const { index, gold, answer, blocks } = solved;
  const completion = blocks.filter((b) => b.kind === 'text').at(-1)?.text ?? '';
  return {
    index,
    gold,
    answer,
    correct: answer !== null && (await answersEqual(answer, gold, { checker })),
    reference: await referenceVerdict(completion, gold, {
      checker,
      dropLetters: /GSM8K/i.test(solved.dataset),
    }),
    blocks: blocks.filter((b) => b.kind !== 'execution').length,
    cellErrors: blocks.filter((b) => b.error).length,
    cellTimeouts: blocks.filter((b) => b.timedOut).length,
    pythonMs: solved.pythonMs,
    status: solved.status,
  };
}

/** The paper's figures (Table 2) for the recorded files, by the reference grader. */
export const PAPER_ACCURACY: Record<string, number> = {
  'MathCoder-CL-7B_SVAMP': 70.7,
  'MathCoder-CL-7B_mathematics': 56.0,
  'MathCoder-CL-7B_simuleq': 49.6,
};

/** Why this project's verdict differs from the reference's, in one line. */
export function disagreementReason(r: ProblemResult): string {
  const ours = r.answer === null ? '' : normalizeAnswer(r.answer).text;
  const theirs = r.reference.pred;
  if (r.answer === null)
    return 'no answer found by this project; the reference read one from the last block';
  const oursValue = evaluateNumeric(ours);
  const theirValue = evaluateNumeric(theirs);
  const goldValue = evaluateNumeric(r.reference.gold);
  if (
    oursValue !== null &&
    theirValue !== null &&
    goldValue !== null &&
    Math.abs(oursValue - theirValue) < 1e-9
  ) {
    return r.correct
      ? `equivalence: the same value ${ours}; the reference's parser did not match it with ${r.reference.gold}`
      : `tolerance: |${ours} - ${r.reference.gold}| < 0.01 passes the reference's absolute test, not a relative 1e-4`;
  }
  if (ours.replace(/\s/g, '') !== theirs.replace(/\s/g, ''))
    return `extraction: this project read "${ours}", the reference read "${theirs}" from the last block`;
  return r.correct
    ? `equivalence: this project's grader accepts "${ours}" for "${r.gold}"`
    : `equivalence: the reference accepts "${theirs}" for "${r.reference.gold}"`;
}

export interface Summary {
  file: string;
  problems: number;
  accuracy: number;
  referenceAccuracy: number;
  paperAccuracy: number | null;
  agreement: number;
  disagreements: number;
  blocksPerProblem: number;
  pythonSeconds: number;
  cellErrors: number;
  cellTimeouts: number;
  failed: number;
  wallSeconds: number;
}

const pct = (n: number, d: number) => (d === 0 ? 0 : Math.round((1000 * n) / d) / 10);

export function summarize(file: string, results: ProblemResult[], wallSeconds: number): Summary {
  const n = results.length;
  const count = (test: (r: ProblemResult) => boolean) => results.filter(test).length;
  const sum = (value: (r: ProblemResult) => number) => results.reduce((t, r) => t + value(r), 0);
  return {
    file,
    problems: n,
    accuracy: pct(
      count((r) => r.correct),
      n,
    ),
    referenceAccuracy: pct(
      count((r) => r.reference.verdict),
      n,
    ),
    paperAccuracy: PAPER_ACCURACY[file] ?? null,
    agreement: pct(
      count((r) => r.correct === r.reference.verdict),
      n,
    ),
    disagreements: count((r) => r.correct !== r.reference.verdict),
    blocksPerProblem: n === 0 ? 0 : Math.round((10 * sum((r) => r.blocks)) / n) / 10,
    pythonSeconds: Math.round(sum((r) => r.pythonMs) / 100) / 10,
    cellErrors: sum((r) => r.cellErrors),
    cellTimeouts: sum((r) => r.cellTimeouts),
    failed: count((r) => r.status === 'failed'),
    wallSeconds: Math.round(wallSeconds * 10) / 10,
  };
}

export interface LiveSummary extends Summary {
  model: string;
  runtime: string | null;
  /** Completion tokens over decoding time, summed over every problem. */
  tokensPerSecond: number;
  completionTokens: number;
  /** Problems whose solve failed, stopped or hit the block cap, with why. */
  errors: Array<{ id: string | number; status: string; message: string }>;
}

/** The live evaluation's summary: the playback's figures plus speed and the problems that did not finish. */
export function summarizeLive(
  file: string,
  model: { id: string; runtime: string | null },
  results: Array<
    ProblemResult & { id: string | number; usage: Usage | null; error: string | null }
  >,
  wallSeconds: number,
): LiveSummary {
  const timed = results.filter((r) => r.usage?.decodeTokensPerSecond);
  const tokens = timed.reduce((t, r) => t + r.usage!.completionTokens, 0);
  const seconds = timed.reduce(
    (t, r) => t + r.usage!.completionTokens / r.usage!.decodeTokensPerSecond!,
    0,
  );
  return {
    ...summarize(file, results, wallSeconds),
    model: model.id,
    runtime: model.runtime,
    tokensPerSecond: seconds > 0 ? Math.round((10 * tokens) / seconds) / 10 : 0,
    completionTokens: results.reduce((t, r) => t + (r.usage?.completionTokens ?? 0), 0),
    errors: results
      .filter((r) => r.status !== 'finished' || r.error)
      .map((r) => ({ id: r.id, status: r.status, message: r.error ?? '' })),
  };
}

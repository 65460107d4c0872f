// The grader's own speed and agreement: `npm run bench:grade` prints fast-path comparisons per second (every kind
// the TypeScript side decides), the median time of one symbolic check in Pyodide, the prose suite's agreement and
// the near-miss suite's share graded "not equal" (scripts/eval/fixtures/grade-prose.jsonl), as {"name", "value", "unit", "goal"}.
import { answersEqual } from '../../src/engine/grading/equivalence.ts';
import { createNodeChecker, startNodeSandbox } from '../eval/eval-python.ts';
import { gradeSuites } from '../eval/grade-suites.ts';

const say = (line: string) => process.stderr.write(`${line}\n`);
const emit = (figure: { name: string; value: number; unit: string; goal: number }) =>
  process.stdout.write(`${JSON.stringify(figure)}\n`);

// Decided without Python: numbers, structure, sets of reals, solution lists, prose, notation, separators.
const FAST_PAIRS: Array<[string, string]> = [
  ['51', '51.0'],
  ['\\frac{3}{4}', '0.75'],
  ['\\$1,200', '1200'],
  ['(1, \\frac{1}{2})', '(1, 0.5)'],
  ['x = 3', '3'],
  ['45^\\circ', '45'],
  ['x >= 5', '5 \\leq x'],
  ['-2 \\le x < 7', '[-2, 7)'],
  ['x < 1 \\text{ or } x > 3', '(-\\infty, 1) \\cup (3, \\infty)'],
  ['x = 3 or x = 5', '3, 5'],
  ['\\pm 2', '\\{2, -2\\}'],
  ['The answer is 42.', '42'],
  ['\\begin{pmatrix} 1 & 2 \\\\ 3 & 4 \\end{pmatrix}', '[[1, 2], [3, 4]]'],
  ['√3', '\\sqrt{3}'],
  ['1,000.99€', '1000.99'],
  ['0,5', '\\frac{1}{2}'],
];

// Each needs SymPy: a polynomial identity and an equation in another arrangement.
const SYMBOLIC_PAIRS: Array<[string, string]> = [
  ['x^2+2x+1', '(x+1)^2'],
  ['y = 2x + 1', '2x - y + 1 = 0'],
];

async function main(): Promise<void> {
  const rounds = 2000;
  // A first pass compiles the code paths, as a page that has graded a few answers already has.
  for (const [a, b] of FAST_PAIRS) for (let i = 0; i < 200; i++) await answersEqual(a, b);
  let started = performance.now();
  for (let i = 0; i < rounds; i++) for (const [a, b] of FAST_PAIRS) await answersEqual(a, b);
  const perSecond = (rounds * FAST_PAIRS.length) / ((performance.now() - started) / 1000);
  emit({
    name: 'grade.fast_path',
    value: Math.round(perSecond),
    unit: 'comparisons/s',
    goal: 10000,
  });
  const sandbox = await startNodeSandbox(say);
  try {
    const checker = createNodeChecker(sandbox);
    await answersEqual('x^2-1', '(x-1)(x+1)', { checker });
    const times: number[] = [];
    for (let i = 0; i < 10; i++) {
      for (const [a, b] of SYMBOLIC_PAIRS) {
        started = performance.now();
        if (!(await answersEqual(a, b, { checker })))
          throw new Error(`${a} and ${b} graded different`);
        times.push(performance.now() - started);
      }
    }
    times.sort((a, b) => a - b);
    const median = times[Math.floor(times.length / 2)]!;
    emit({
      name: 'grade.symbolic_check',
      value: Math.round(median * 10) / 10,
      unit: 'ms (median)',
      goal: 1000,
    });
    for (const suite of await gradeSuites(checker)) {
      for (const miss of suite.misses)
        say(
          `bench:grade: ${suite.suite} case graded ${miss.got ? 'equal' : 'not equal'}: ${JSON.stringify(miss)}`,
        );
      emit({
        name: suite.suite === 'prose' ? 'grade.prose_agreement' : 'grade.near_miss_not_equal',
        value: Math.round((1000 * suite.agreed) / suite.cases) / 10,
        unit: `% of ${suite.cases} cases`,
        goal: suite.suite === 'prose' ? 95 : 100,
      });
    }
  } finally {
    sandbox.dispose();
  }
}

main().catch((error: unknown) => {
  say(`bench:grade: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});

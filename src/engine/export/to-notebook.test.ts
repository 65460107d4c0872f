import { describe, expect, it } from 'vitest';
import { notebookJson, solutionToNotebook, type NotebookCodeCell } from './to-notebook';
import { quadratic } from './quadratic-solution';
import { notebookErrors } from './validate-notebook';

const codeCells = (cells: ReturnType<typeof solutionToNotebook>['cells']) =>
  cells.filter((c): c is NotebookCodeCell => c.cell_type === 'code');

describe('notebook export', () => {
  it('writes a valid nbformat 4.5 notebook that survives JSON', () => {
    const parsed: unknown = JSON.parse(notebookJson(solutionToNotebook(quadratic)));
    expect(notebookErrors(parsed)).toEqual([]);
    expect(parsed).toMatchObject({
      nbformat: 4,
      metadata: { kernelspec: { language: 'python' }, language_info: { name: 'python' } },
    });
  });

  it('turns prose into Markdown cells and code into code cells, in order', () => {
    const { cells } = solutionToNotebook(quadratic);
    expect(cells.map((c) => c.cell_type)).toEqual([
      'markdown', // the problem
      'markdown',
      'code',
      'markdown',
      'code',
      'code',
      'markdown',
      'markdown', // the answer
    ]);
    expect(cells[0]?.source.join('')).toContain('x^2 - x - 6 = 0');
    expect(cells.at(-1)?.source.join('')).toBe('## Answer\n\n$13$');
    expect(cells[2]?.source).toEqual([
      'from sympy import symbols, solve\n',
      '\n',
      "x = symbols('x')\n",
      'roots = solve(x**2 - x - 6, x)\n',
      'roots',
    ]);
  });

  it('gives code cells their outputs: stream text, or an error with name, value and traceback', () => {
    const [first, failed, fixed] = codeCells(solutionToNotebook(quadratic).cells);
    expect(first?.outputs).toEqual([{ output_type: 'stream', name: 'stdout', text: ['[-2, 3]'] }]);
    expect(failed?.outputs).toHaveLength(1);
    expect(failed?.outputs[0]).toMatchObject({
      output_type: 'error',
      ename: 'NameError',
      evalue: "name 'product' is not defined",
    });
    const traceback =
      failed?.outputs[0]?.output_type === 'error' ? failed.outputs[0].traceback : [];
    expect(traceback.at(-1)).toBe("NameError: name 'product' is not defined");
    expect(traceback).toContain('----> 2 total**2 - 2*product');
    expect(fixed?.outputs).toEqual([{ output_type: 'stream', name: 'stdout', text: ['13'] }]);
    expect(codeCells(solutionToNotebook(quadratic).cells).map((c) => c.execution_count)).toEqual([
      1, 2, 3,
    ]);
  });

  it('leaves a code cell that never ran without outputs or a count, and names a timeout', () => {
    const { cells } = solutionToNotebook({
      problem: 'Loop',
      answer: null,
      blocks: [
        { kind: 'code', text: 'while True:\n    pass' },
        {
          kind: 'execution',
          text: 'TimeoutError: the cell ran longer than 6 s and was stopped',
          execution: { error: true, timedOut: true },
        },
        { kind: 'code', text: 'print("never ran")' },
      ],
    });
    const [looped, unrun] = codeCells(cells);
    expect(looped?.outputs[0]).toMatchObject({ output_type: 'error', ename: 'TimeoutError' });
    expect(unrun).toMatchObject({ outputs: [], execution_count: null });
    expect(
      notebookErrors(
        JSON.parse(
          JSON.stringify({ ...solutionToNotebook({ problem: 'Loop', answer: null, blocks: [] }) }),
        ),
      ),
    ).toEqual([]);
  });

  it('keeps multi-line printed output as Jupyter lines', () => {
    const { cells } = solutionToNotebook({
      problem: 'Print',
      answer: '2',
      blocks: [
        { kind: 'code', text: 'print(1)\nprint(2)' },
        { kind: 'execution', text: '1\n2\n', execution: { error: false, timedOut: false } },
      ],
    });
    expect(codeCells(cells)[0]?.outputs[0]).toEqual({
      output_type: 'stream',
      name: 'stdout',
      text: ['1\n', '2\n'],
    });
  });

  it('the validator catches what Jupyter would refuse', () => {
    const good = solutionToNotebook(quadratic);
    const broken = JSON.parse(JSON.stringify(good)) as Record<string, unknown> & {
      cells: Array<Record<string, unknown>>;
    };
    delete broken.cells[2]!.execution_count;
    broken.cells[3]!.id = 'cell 4';
    broken.nbformat = 3;
    expect(notebookErrors(broken)).toEqual(
      expect.arrayContaining([
        'nbformat must be 4',
        'cell 3: missing execution_count',
        'cell 4: bad id',
      ]),
    );
  });
});

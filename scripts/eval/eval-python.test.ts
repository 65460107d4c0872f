// equivalence.py for real: the grader's symbolic checker in Node's Pyodide sandbox.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answersEqual } from '../../src/engine/grading/equivalence.ts';
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

describe('the symbolic checker', () => {
  it.each([
    ['x^2+2x+1', '(x+1)^2', true],
    ['\\left(x-2\\right)\\left(x+2\\right)', 'x^2-4', true],
    ['\\sin^2 x + \\cos^2 x', '1', true],
    ['\\frac{\\sqrt{2}}{2}', '\\frac{1}{\\sqrt{2}}', true],
    ['2x = 6', 'x = 3', true],
    ['5x - 7y + 11z + 4 = 0', 'x + y - z + 2 = 0', false],
    ['e^{i\\pi}', '-1', true],
    ['\\log_2 8 + 3!', '9', true],
    ['x^2', 'x^3', false],
    ['-20*x', '-20x', true],
    ['y = 2x + 1', '2x - y + 1 = 0', true],
    ['y = 2x + 1', '2x + y + 1 = 0', false],
    ['x^{2}', 'x \\cdot x', true],
  ])('%s against %s', async (a, b, expected) => {
    expect(await checker.equal(a, b, 'relative')).toBe(expected);
  });

  it('says null for what it cannot read', async () => {
    expect(await checker.equal('\\unknowncommand{3}', '3', 'relative')).toBeNull();
  });

  it("uses the reference's absolute 0.01 in reference mode", async () => {
    expect(await checker.equal('x + 0.001', 'x', 'reference')).toBe(true);
    expect(await checker.equal('x + 0.001', 'x', 'relative')).toBe(false);
  });

  it('decides whole answers together with the fast paths', async () => {
    expect(
      await answersEqual('\\left( x+1, \\frac{x^2-1}{x-1} \\right)', '(1+x, x+1)', { checker }),
    ).toBe(true);
    expect(await answersEqual('\\{x^2, 2\\}', '\\{2, x\\cdot x\\}', { checker })).toBe(true);
    // An equation in another arrangement, against one solved for y.
    expect(await answersEqual('y = 2x + 1', '2x - y + 1 = 0', { checker })).toBe(true);
    expect(await answersEqual('y = 2x - 1', '2x - y + 1 = 0', { checker })).toBe(false);
    expect(await answersEqual('x² + 2x + 1', '(x+1)^2', { checker })).toBe(true);
  });

  it('survives a namespace reset', async () => {
    await sandbox.reset();
    expect(await checker.equal('(a+b)^2', 'a^2+2ab+b^2', 'relative')).toBe(true);
  });
});

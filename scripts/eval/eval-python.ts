// The grader's symbolic checker on Node: equivalence.py in the same Pyodide sandbox the app uses.
import { readFileSync } from 'node:fs';
import type { CodeRunner } from '../../src/engine/types.ts';
import { createSandboxChecker, type SymbolicChecker } from '../../src/engine/grading/symbolic.ts';
import { batchProblemReset, createNodeSandbox, isPrepared } from '../node-python/node-sandbox.ts';
import { preparePython } from '../build/prepare-python.ts';

export const equivalenceSource = readFileSync(
  new URL('../../src/engine/grading/equivalence.py', import.meta.url),
  'utf8',
);

export function createNodeChecker(runner: CodeRunner): SymbolicChecker {
  return createSandboxChecker(runner, equivalenceSource);
}

/** A started Node sandbox (Python put in place first when needed). */
export async function startNodeSandbox(log: (line: string) => void) {
  if (!isPrepared()) await preparePython({ log });
  const sandbox = createNodeSandbox({ problemReset: batchProblemReset() });
  await sandbox.whenReady();
  return sandbox;
}

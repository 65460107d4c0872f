// The grader's symbolic checker on Node: the grading package in the same Pyodide sandbox the app uses.
import { readFileSync } from 'node:fs';
import type { CodeRunner } from '../../src/engine/types.ts';
import {
  GRADING_FILES,
  createSandboxChecker,
  type GradingSources,
  type SymbolicChecker,
} from '../../src/engine/grading/symbolic.ts';
import {
  batchProblemReset,
  createNodeSandbox,
  ensurePythonPrepared,
} from '../node-python/node-sandbox.ts';

const gradingSources = Object.fromEntries(
  Object.entries(GRADING_FILES).map(([part, file]) => [
    part,
    readFileSync(new URL(`../../src/engine/grading/${file}`, import.meta.url), 'utf8'),
  ]),
) as unknown as GradingSources;

export function createNodeChecker(runner: CodeRunner): SymbolicChecker {
  return createSandboxChecker(runner, gradingSources);
}

/** A started Node sandbox (Python put in place first when needed). */
export async function startNodeSandbox(log: (line: string) => void) {
  await ensurePythonPrepared(log);
  const sandbox = createNodeSandbox({ problemReset: batchProblemReset() });
  await sandbox.whenReady();
  return sandbox;
}

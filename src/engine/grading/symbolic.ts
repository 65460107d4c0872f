// The symbolic half of the grader: a Python module run in the sandbox (SymPy), behind a small interface.
import type { CodeRunner } from '../types';

export type SymbolicMode = 'relative' | 'reference';

/** A span of reals from SymPy: [lo, hi, lo included, hi included], null for an infinite end. */
export type SymbolicSpan = [number | null, number | null, boolean, boolean];

/** Decides what the TypeScript fast paths cannot: true, false, or null when either side cannot be read. */
export interface SymbolicChecker {
  equal(pred: string, gold: string, mode: SymbolicMode): Promise<boolean | null>;
  /** The reals a relation the fast path cannot solve describes (`x^2 > 4`); null when SymPy cannot read it. */
  realSet?(text: string): Promise<SymbolicSpan[] | null>;
}

const MODULE = 'tutor_grading';
export const SYMBOLIC_TIMEOUT_MS = 1000;

/** Installs the module once per worker (it survives namespace resets in sys.modules). */
function installCell(source: string): string {
  return [
    'import sys as _sys, types as _types',
    `_m = _types.ModuleType(${JSON.stringify(MODULE)})`,
    `exec(compile(${JSON.stringify(source)}, ${JSON.stringify(`<${MODULE}>`)}, 'exec'), _m.__dict__)`,
    `_sys.modules[${JSON.stringify(MODULE)}] = _m`,
    'del _m',
  ].join('\n');
}

const checkCell = (request: string) =>
  `import ${MODULE} as _tg\nprint(_tg.check_json(${JSON.stringify(request)}))`;

/** A checker that runs `equivalence.py` (given as text) in a sandbox; a check over the time limit counts as null. */
export function createSandboxChecker(
  runner: CodeRunner,
  source: string,
  timeoutMs = SYMBOLIC_TIMEOUT_MS,
): SymbolicChecker {
  let installed: Promise<void> | null = null;
  const install = () =>
    (installed ??= runner.run(installCell(source), { timeoutMs: 30_000 }).then((out) => {
      if (out.error) {
        installed = null;
        throw new Error(`the grading module did not load: ${out.text.split('\n').at(-1) ?? ''}`);
      }
    }));

  /** One request to the module: its JSON verdict, or null on a time-out or an error. */
  async function ask(mode: SymbolicMode | 'set', pred: string, gold: string): Promise<unknown> {
    const request = JSON.stringify([[mode, pred, gold]]);
    for (let attempt = 0; attempt < 2; attempt++) {
      await install();
      const out = await runner.run(checkCell(request), { timeoutMs });
      if (out.timedOut) return null;
      // A restarted worker has lost the module: install it again once.
      if (out.error && out.text.includes('ModuleNotFoundError')) {
        installed = null;
        continue;
      }
      if (out.error) return null;
      const verdicts = JSON.parse(out.text.trim()) as unknown[];
      return verdicts[0] ?? null;
    }
    return null;
  }

  return {
    async equal(pred, gold, mode) {
      const verdict = await ask(mode, pred, gold);
      return typeof verdict === 'boolean' ? verdict : null;
    },
    async realSet(text) {
      const spans = await ask('set', text, '');
      return Array.isArray(spans) ? (spans as SymbolicSpan[]) : null;
    },
  };
}

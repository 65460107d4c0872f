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

/** The grading package's Python files: `equivalence.py` is the package itself and imports the other two. */
export interface GradingSources {
  latex: string;
  realSets: string;
  equivalence: string;
}

export const GRADING_FILES: Record<keyof GradingSources, string> = {
  latex: 'latex.py',
  realSets: 'real_sets.py',
  equivalence: 'equivalence.py',
};

/** Installs the package once per worker (it survives namespace resets in sys.modules), its submodules first. */
function installCell(sources: GradingSources): string {
  const name = JSON.stringify(MODULE);
  const parts = JSON.stringify([
    ['latex', sources.latex],
    ['real_sets', sources.realSets],
  ]);
  return [
    'import sys as _sys, types as _types',
    `_p = _types.ModuleType(${name})`,
    `_p.__path__, _p.__package__ = [], ${name}`,
    `for _part, _source in ${parts}:`,
    `    _m = _types.ModuleType(${name} + '.' + _part)`,
    `    _m.__package__ = ${name}`,
    "    exec(compile(_source, '<' + _m.__name__ + '>', 'exec'), _m.__dict__)",
    '    _sys.modules[_m.__name__] = _m',
    `exec(compile(${JSON.stringify(sources.equivalence)}, ${JSON.stringify(`<${MODULE}>`)}, 'exec'), _p.__dict__)`,
    `_sys.modules[${name}] = _p`,
    'del _p, _m, _part, _source',
  ].join('\n');
}

const checkCell = (request: string) =>
  `import ${MODULE} as _tg\nprint(_tg.check_json(${JSON.stringify(request)}))`;

/** A checker that runs the grading package (given as text) in a sandbox; a check over the time limit counts as null. */
export function createSandboxChecker(
  runner: CodeRunner,
  sources: GradingSources,
  timeoutMs = SYMBOLIC_TIMEOUT_MS,
): SymbolicChecker {
  let installed: Promise<void> | null = null;
  const install = () =>
    (installed ??= runner.run(installCell(sources), { timeoutMs: 30_000 }).then((out) => {
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

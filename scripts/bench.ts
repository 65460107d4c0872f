// Every benchmark in one command: `npm run bench` runs each `bench:*` script of package.json (whatever exists at
// run time) plus the grader's own figures, and prints one JSON line per figure: {"name", "value", "unit", "goal"}.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { answersEqual } from '../src/engine/grading/equivalence.ts';
import { createNodeChecker, startNodeSandbox } from './eval-python.ts';

interface Figure {
  name: string;
  value: number | null;
  unit: string;
  goal: number | string | null;
}

const say = (line: string) => process.stderr.write(`${line}\n`);
const emit = (figure: Figure) => process.stdout.write(`${JSON.stringify(figure)}\n`);

function isFigure(value: unknown): value is Figure {
  const f = value as Partial<Figure> | null;
  return typeof f === 'object' && f !== null && typeof f.name === 'string' && 'value' in f;
}

/** Runs one `bench:*` script and passes on the figures it prints; anything else it prints goes to stderr. */
function runScript(script: string): boolean {
  say(`bench: running ${script}`);
  const result = spawnSync('npm', ['run', '--silent', script], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
    maxBuffer: 64 * 1024 * 1024,
  });
  let figures = 0;
  for (const line of (result.stdout ?? '').split('\n')) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(line);
    } catch {
      if (line.trim()) say(`  ${line}`);
      continue;
    }
    if (isFigure(parsed)) {
      emit({
        name: parsed.name,
        value: parsed.value,
        unit: parsed.unit ?? '',
        goal: parsed.goal ?? null,
      });
      figures++;
    }
  }
  if (result.status !== 0 || figures === 0) {
    say(
      `bench: ${script} ${result.status !== 0 ? `exited with ${result.status}` : 'printed no figures'}`,
    );
    return false;
  }
  return true;
}

const PAIRS: Array<[string, string]> = [
  ['51', '51.0'],
  ['\\frac{3}{4}', '0.75'],
  ['\\$1,200', '1200'],
  ['(1, \\frac{1}{2})', '(1, 0.5)'],
  ['x = 3', '3'],
  ['45^\\circ', '45'],
];

/** The grader's own cost: fast-path comparisons per second, and one symbolic check in Pyodide. */
async function gradeFigures(): Promise<void> {
  const rounds = 2000;
  let started = performance.now();
  for (let i = 0; i < rounds; i++) for (const [a, b] of PAIRS) await answersEqual(a, b);
  const perSecond = (rounds * PAIRS.length) / ((performance.now() - started) / 1000);
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
    for (let i = 0; i < 20; i++) {
      started = performance.now();
      await answersEqual('x^2+2x+1', '(x+1)^2', { checker });
      times.push(performance.now() - started);
    }
    times.sort((a, b) => a - b);
    const median = times[Math.floor(times.length / 2)]!;
    emit({
      name: 'grade.symbolic_check',
      value: Math.round(median * 10) / 10,
      unit: 'ms (median)',
      goal: 1000,
    });
  } finally {
    sandbox.dispose();
  }
}

async function main(): Promise<number> {
  const manifest = JSON.parse(
    readFileSync(new URL('../package.json', import.meta.url), 'utf8'),
  ) as {
    scripts?: Record<string, string>;
  };
  const scripts = Object.keys(manifest.scripts ?? {}).filter((name) => name.startsWith('bench:'));
  let failed = 0;
  for (const script of scripts) if (!runScript(script)) failed++;
  await gradeFigures();
  say(
    `bench: ${scripts.length} bench:* scripts run (${scripts.join(', ') || 'none'}), ${failed} failed`,
  );
  return failed ? 1 : 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    say(`bench: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  },
);

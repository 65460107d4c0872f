// Every benchmark in one command: `npm run bench` runs each `bench:*` script of package.json (whatever exists at
// run time, the grader's own `bench:grade` among them) but the long ones it names, and prints one JSON line per figure:
// {"name", "value", "unit", "goal"}.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { runMain, say } from '../lib/run-main.ts';

interface Figure {
  name: string;
  value: number | null;
  unit: string;
  goal: number | string | null;
}

const emit = (figure: Figure) => process.stdout.write(`${JSON.stringify(figure)}\n`);

function isFigure(value: unknown): value is Figure {
  const f = value as Partial<Figure> | null;
  return typeof f === 'object' && f !== null && typeof f.name === 'string' && 'value' in f;
}

/** Runs one `bench:*` script and passes on the figures it prints; anything else it prints goes to stderr. */
function runScript(script: string): boolean {
  say(`bench: running ${script}`);
  const started = performance.now();
  const args = QUICK_ARGS[script] ? ['--', ...QUICK_ARGS[script]] : [];
  const result = spawnSync('npm', ['run', '--silent', script, ...args], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
    maxBuffer: 64 * 1024 * 1024,
  });
  // How long each took, for keeping the test run within its time: to stderr, not a figure.
  say(`bench: ${script} took ${Math.round((performance.now() - started) / 1000)} s`);
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

/** Benchmarks that take longer than the test run allows (a 4 GB model loaded four times): run on their own. */
const RUN_ALONE = new Set(['bench:scale']);

/**
 * Smaller runs of benchmarks whose defaults take too long for the test run: bench:native on a one-layer 7B-shaped file
 * (7B's width and vocabulary; the tab's gap to native llama.cpp shows there as at 8 or 32 layers), a few minutes.
 */
const QUICK_ARGS: Record<string, string[]> = {
  'bench:native': ['--layers', '1', '--tokens', '8', '--repeats', '1'],
};

async function main(): Promise<number> {
  const manifest = JSON.parse(
    readFileSync(new URL('../../package.json', import.meta.url), 'utf8'),
  ) as {
    scripts?: Record<string, string>;
  };
  const scripts = Object.keys(manifest.scripts ?? {}).filter(
    (name) => name.startsWith('bench:') && !RUN_ALONE.has(name),
  );
  let failed = 0;
  for (const script of scripts) if (!runScript(script)) failed++;
  say(
    `bench: ${scripts.length} bench:* scripts run (${scripts.join(', ') || 'none'}), ${failed} failed`,
  );
  return failed ? 1 : 0;
}

runMain('bench', main);

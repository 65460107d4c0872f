// kernel.py for real: Pyodide in a worker_threads worker, through the same PythonSandbox client as the browser.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PythonSandbox } from '../../src/sandbox/python-sandbox.ts';
import { createNodeSandbox, ensurePythonPrepared } from './node-sandbox.ts';

let sandbox: PythonSandbox;
const run = async (code: string, timeoutMs?: number) => sandbox.run(code, { timeoutMs });
const text = async (code: string) => (await run(code)).text;

beforeAll(async () => {
  await ensurePythonPrepared(() => {});
  sandbox = createNodeSandbox({ interruptGraceMs: 3000 }); // generous: a loaded CI machine can be slow to react
  await sandbox.whenReady();
}, 180_000);

afterAll(() => sandbox?.dispose());

describe('what a cell shows', () => {
  it('shows the last expression, and nothing for assignments, None or a trailing semicolon', async () => {
    await sandbox.reset();
    expect(await run('x = 5\nx')).toMatchObject({ text: '5', error: false, timedOut: false });
    expect(await text('y = x * 2')).toBe('');
    expect(await text('None')).toBe('');
    expect(await text('y;')).toBe('');
    expect(await text('y;  # quiet')).toBe('');
    expect(await text('y  # shown')).toBe('10');
    expect(await text('1/3')).toBe('0.3333333333333333');
    expect(await text("'a', 2")).toBe("('a', 2)");
  });

  it('keeps printed output before the value, stdout and stderr in the order written', async () => {
    expect(await text("print('a')\n1 + 1")).toBe('a\n2');
    expect(await text("import sys\nprint('o')\nprint('e', file=sys.stderr)\nprint('o2')")).toBe(
      'o\ne\no2\n',
    );
  });

  it('keeps variables and functions across cells until reset', async () => {
    await sandbox.reset();
    await run('def double(n):\n    return 2 * n\nbase = 20');
    expect(await text('double(base) + 2')).toBe('42');
    await sandbox.reset();
    const after = await run('base');
    expect(after.error).toBe(true);
    expect(after.text).toContain('Cell In[1], line 1'); // the counter restarts with the namespace
    expect(after.text.split('\n').at(-1)).toBe("NameError: name 'base' is not defined");
  });

  it('wraps long containers at 79 columns as IPython does', async () => {
    expect(await text('list(range(3, 30))')).toBe(
      `[${Array.from({ length: 27 }, (_, i) => i + 3).join(',\n ')}]`,
    );
    expect(await text('{i: i * i for i in range(3)}')).toBe('{0: 0, 1: 1, 2: 4}');
    expect(await text('{3, 1, 2}')).toBe('{1, 2, 3}');
  });

  it('runs SymPy and shows its values as Jupyter does', async () => {
    expect(await text("from sympy import *\nx = symbols('x')\nsolve(x**2 - 4, x)")).toBe('[-2, 2]');
    expect(await text('Rational(1, 3) + sqrt(8)')).toBe('1/3 + 2*sqrt(2)');
  });
});

describe('errors', () => {
  it('prints a Jupyter traceback that ends with the exception line', async () => {
    await sandbox.reset();
    const output = await run('a = 1\n\n# the next line fails\nb = a + c');
    expect(output.error).toBe(true);
    expect(output.text).toBe(
      [
        '-'.repeat(75),
        `NameError${' '.repeat(33)}Traceback (most recent call last)`,
        'Cell In[1], line 4',
        '      1 a = 1',
        '      3 # the next line fails',
        '----> 4 b = a + c',
        '',
        "NameError: name 'c' is not defined",
      ].join('\n'),
    );
  });

  it('shows the frames of functions defined in earlier cells', async () => {
    await run('def inverse(n):\n    return 1 / n');
    const { text: shown } = await run('inverse(0)');
    expect(shown).toContain(
      'Cell In[2], line 2, in inverse(n)\n      1 def inverse(n):\n----> 2     return 1 / n',
    );
    expect(shown.split('\n').at(-1)).toBe('ZeroDivisionError: division by zero');
  });

  it('prints syntax errors as IPython does, without a traceback header', async () => {
    const { text: shown, error } = await run('x = 1\n386.2 /= 2');
    expect(error).toBe(true);
    expect(shown).toMatch(
      /^ {2}Cell In\[4\], line 2\n {4}386\.2 \/= 2\n {4}\^+\nSyntaxError: 'literal' is an illegal/,
    );
  });

  it('keeps what a failing cell printed before the traceback', async () => {
    const { text: shown } = await run("print('before')\nint('x')");
    expect(shown.startsWith('before\n---')).toBe(true);
    expect(shown.split('\n').at(-1)).toBe(
      "ValueError: invalid literal for int() with base 10: 'x'",
    );
  });

  it('answers input() as a kernel without stdin does', async () => {
    const { text: shown } = await run("input('n? ')");
    expect(shown.split('\n').at(-1)).toBe(
      'StdinNotImplementedError: raw_input was called, but this frontend does not support input requests.',
    );
  });

  it('keeps the doors to JavaScript and package loading closed', async () => {
    for (const name of [
      'js',
      'pyodide_js',
      'pyodide.ffi',
      'pyodide.http',
      'micropip',
      '_pyodide_core',
    ]) {
      const output = await run(`import ${name}`);
      const top = name.split('.')[0];
      expect(output.text.split('\n').at(-1), name).toBe(
        `ModuleNotFoundError: No module named '${top}'`,
      );
    }
    expect(await text("import importlib\nimportlib.import_module('js')")).toContain(
      "No module named 'js'",
    );
    expect(
      await text("import sys\nsorted(m for m in sys.modules if 'pyodide' in m or m == 'js')"),
    ).toBe('[]');
  });
});

describe('stopping runaway cells', () => {
  it('interrupts an endless loop at the limit and keeps the namespace', async () => {
    await sandbox.reset();
    await run('kept = 41');
    const states: string[] = [];
    const unsubscribe = sandbox.onStatus((status) => states.push(status.state));
    // 3 s, not less: on a loaded 2-core machine the worker can be slow to reach the print after 'started'.
    const output = await run("print('started')\nwhile True:\n    pass", 3000);
    unsubscribe();
    expect(states, 'the interrupt stopped the cell, no new worker').not.toContain('restarting');
    // 'started' survives only an interrupt: a replaced worker loses what the cell printed.
    expect(output).toMatchObject({ error: true, timedOut: true });
    expect(output.text).toBe('started\nTimeoutError: the cell ran longer than 3 s and was stopped');
    expect(await text('kept + 1')).toBe('42');
  });

  it('replaces a worker that ignores the interrupt and restores the earlier cells', async () => {
    await sandbox.reset();
    await run('kept = 41');
    await run('import random\nnoise = 1 / 0'); // failed cells are not restored
    const output = await run('import time\ntime.sleep(30)', 1000); // time.sleep cannot be interrupted
    expect(output).toMatchObject({
      text: 'TimeoutError: the cell ran longer than 1 s and was stopped',
      timedOut: true,
    });
    expect(await text('kept + 1')).toBe('42');
    expect((await run('noise')).error).toBe(true);
    expect((await run('zzz')).text).toContain('Cell In[6]'); // numbering continues after the restart
  }, 60_000);

  it('rejects with AbortError when the signal aborts, and the next cell runs', async () => {
    const controller = new AbortController();
    const running = sandbox.run('while True:\n    pass', { signal: controller.signal });
    setTimeout(() => controller.abort(), 300);
    await expect(running).rejects.toMatchObject({ name: 'AbortError' });
    expect(await text('6 * 7')).toBe('42');
  });
});

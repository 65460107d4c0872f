import { describe, expect, it } from 'vitest';
import { EngineError } from './errors';
import { resetNamespace, runCell } from './run-cell';
import { FakeRunner } from './test-doubles';

const crashed = () => Promise.reject(new Error('Pyodide worker crashed'));

describe('runCell', () => {
  it('runs the code with the signal and the time limit', async () => {
    const runner = new FakeRunner({ text: '4' });
    const signal = new AbortController().signal;
    expect(await runCell(runner, '2 + 2', signal, 1500)).toMatchObject({ text: '4' });
    expect(runner.calls).toMatchObject([{ code: '2 + 2', options: { signal, timeoutMs: 1500 } }]);
  });

  it('rejects with an AbortError once the signal has aborted, whatever the runner does', async () => {
    const runner = new FakeRunner();
    runner.hang = true;
    const controller = new AbortController();
    controller.abort();
    await expect(runCell(runner, 'x = 1', controller.signal, undefined)).rejects.toMatchObject({
      name: 'AbortError',
    });
    expect(runner.calls[0]?.options?.signal?.aborted).toBe(true);
  });

  it('turns a sandbox that fails into sandbox-failed, for a cell and for a reset', async () => {
    const runner = new FakeRunner();
    runner.run = crashed;
    runner.reset = crashed;
    const signal = new AbortController().signal;
    for (const attempt of [
      runCell(runner, '1', signal, undefined),
      resetNamespace(runner, signal),
    ]) {
      const error = await attempt.catch((e: unknown) => e);
      expect(error).toBeInstanceOf(EngineError);
      expect(error).toMatchObject({ code: 'sandbox-failed' });
    }
  });
});

import { describe, expect, it } from 'vitest';
import type { LoadState } from '../ui/state/model-store';
import { createEvalHook } from './eval-hook';
import type { SolvedTrace } from './solve-events';

const solved: SolvedTrace = {
  status: 'done',
  capped: false,
  answer: '42',
  error: null,
  blocks: [
    { id: 'b0', kind: 'code', text: 'print(6*7)', done: true, edited: true },
    {
      id: 'b1',
      kind: 'execution',
      text: '42',
      done: true,
      execution: { error: false, timedOut: false, durationMs: 3 },
    },
  ],
  notices: [],
  usage: { usage: { promptTokens: 10, completionTokens: 5 }, pythonMs: 12 },
};

function hook(load: LoadState, known = ['test', 'other']) {
  const asked: string[] = [];
  const tutorEval = createEvalHook({
    select: (id) => known.includes(id),
    modelIds: () => known,
    load: () => Promise.resolve(),
    loadState: () => load,
    contextLength: () => 4096,
    solve: (problem) => {
      asked.push(problem);
      return Promise.resolve(solved);
    },
  });
  return { tutorEval, asked };
}

describe('createEvalHook', () => {
  it('names the known models when asked for one it does not have', async () => {
    const { tutorEval } = hook({ status: 'idle' });
    expect(await tutorEval.loadModel('missing')).toEqual({
      ok: false,
      error: { code: 'unknown', message: 'No model missing (known: test, other)' },
    });
  });

  it('reports a load as the model panel ended it', async () => {
    expect(
      await hook({ status: 'ready', runtime: 'llama.cpp' }).tutorEval.loadModel('test'),
    ).toEqual({ ok: true, runtime: 'llama.cpp', contextLength: 4096 });
    const error = { code: 'offline' as const, message: 'No network' };
    expect(await hook({ status: 'failed', error }).tutorEval.loadModel('test')).toEqual({
      ok: false,
      error,
    });
    expect(await hook({ status: 'checking' }).tutorEval.loadModel('test')).toMatchObject({
      ok: false,
      error: { message: 'Loading ended as checking' },
    });
  });

  it('solves through the app and keeps what the evaluation records of the trace', async () => {
    const { tutorEval, asked } = hook({ status: 'ready' });
    expect(await tutorEval.solve('6 times 7?')).toEqual({
      status: 'done',
      capped: false,
      answer: '42',
      error: null,
      blocks: [
        { kind: 'code', text: 'print(6*7)', execution: undefined },
        {
          kind: 'execution',
          text: '42',
          execution: { error: false, timedOut: false, durationMs: 3 },
        },
      ],
      notices: [],
      usage: { promptTokens: 10, completionTokens: 5 },
      pythonMs: 12,
    });
    expect(asked).toEqual(['6 times 7?']);
  });
});

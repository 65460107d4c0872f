import { describe, expect, it } from 'vitest';
import { mathcoderFormat } from '../formats/mathcoder';
import { qwenTirFormat } from '../formats/qwen-tir';
import type { GenerateRequest, SavedSolution } from '../types';
import { createPlaybackModel } from './playback';

const SOLUTION: SavedSolution = {
  format: 'mathcoder-tutor/solution',
  version: 1,
  problem: 'What is 6 * 7?',
  blocks: [
    { kind: 'text', text: 'Multiply.' },
    { kind: 'code', text: '6 * 7' },
    { kind: 'execution', text: '41 (a recorded output is never played back)' },
    { kind: 'text', text: 'It is \\(\\boxed{42}\\).' },
  ],
};

const request = (stop: readonly string[], signal?: AbortSignal): GenerateRequest => ({
  prompt: '',
  stop,
  maxTokens: 512,
  signal,
});

async function collect(
  model: ReturnType<typeof createPlaybackModel>,
  stop: readonly string[],
  signal?: AbortSignal,
) {
  const deltas: string[] = [];
  const result = await model.generate(request(stop, signal), (d) => deltas.push(d));
  return { text: deltas.join(''), deltas, result };
}

describe('playback model', () => {
  it('writes one MathCoder block per call, stopping where the live model would', async () => {
    const model = createPlaybackModel(SOLUTION, { format: mathcoderFormat, tokensPerSecond: 0 });
    expect(model).toMatchObject({ kind: 'playback', label: 'Playback of a saved solution' });
    const calls = [];
    for (let i = 0; i < 4; i++) calls.push(await collect(model, mathcoderFormat.stop));
    expect(calls.map((c) => [c.text, c.result.stopSequence])).toEqual([
      ['<|text|>Multiply.', '<|endofblock|>'],
      ['<|code|>6 * 7', '<|endofblock|>'],
      ['<|text|>It is \\(\\boxed{42}\\).', '<|endofblock|>'],
      ['', '<|endofmessage|>'],
    ]);
    expect(calls.every((c) => c.result.finishReason === 'stop')).toBe(true);
    expect((await collect(model, mathcoderFormat.stop)).result.stopSequence).toBe(
      '<|endofmessage|>',
    );
  });

  it('writes Qwen prose and code up to the ```output stop', async () => {
    const model = createPlaybackModel(SOLUTION, { format: qwenTirFormat, tokensPerSecond: 0 });
    const first = await collect(model, qwenTirFormat.stop);
    expect(first.text).toBe('Multiply.\n\n```python\n6 * 7\n```\n');
    expect(first.result.stopSequence).toBe('```output');
    const second = await collect(model, qwenTirFormat.stop);
    expect(second.text).toBe('It is \\(\\boxed{42}\\).\n\n');
    expect(second.result.stopSequence).toBe('<|im_end|>');
  });

  it('paces its output in small chunks', async () => {
    const model = createPlaybackModel(SOLUTION, { format: mathcoderFormat, tokensPerSecond: 100 });
    const started = performance.now();
    const { deltas } = await collect(model, mathcoderFormat.stop);
    expect(deltas.every((d) => d.length <= 8)).toBe(true);
    expect(deltas.length).toBe(Math.ceil('<|text|>Multiply.'.length / 8));
    expect(performance.now() - started).toBeGreaterThanOrEqual(35);
  });

  it('stops when aborted and starts over after reset', async () => {
    const model = createPlaybackModel(SOLUTION, { format: mathcoderFormat, tokensPerSecond: 100 });
    const controller = new AbortController();
    const deltas: string[] = [];
    const result = await model.generate(request(mathcoderFormat.stop, controller.signal), (d) => {
      deltas.push(d);
      controller.abort();
    });
    expect(result.finishReason).toBe('abort');
    expect(deltas).toHaveLength(1);
    await collect(model, mathcoderFormat.stop);
    await model.reset();
    expect((await collect(model, mathcoderFormat.stop)).text).toBe('<|text|>Multiply.');
  });
});

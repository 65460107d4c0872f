// The solve loop in MathCoder's format: blocks, executions fed back, caps, notices; then stopping and failing.
import { describe, expect, it } from 'vitest';
import { EngineError } from './errors';
import { mathcoderFormat } from './formats/mathcoder';
import { solve } from './solve';
import type { LanguageModel, TraceEvent } from './types';
import {
  DUCKS_PROBLEM,
  DeafModel,
  EventLog,
  FakeRunner,
  ScriptedModel,
  runSolve,
} from './test-doubles';

describe('solve with the MathCoder format', () => {
  const responses = () =>
    new ScriptedModel([
      {
        chunks: ['<|te', 'xt|>We need the eggs left: 16 - 3 - 4.'],
        usage: { promptTokens: 60, completionTokens: 12, decodeTokensPerSecond: 12 },
      },
      {
        chunks: ['<|code|>eggs = 16 - 3 - 4\nprice = 2.0000001\n', 'eggs * price'],
        usage: { promptTokens: 80, completionTokens: 20, decodeTokensPerSecond: 20 },
      },
      { chunks: ['<|text|>She makes \\(\\boxed{18}\\) dollars a day.<|endof'] },
      { chunks: ['<|text|>18'] },
      { chunks: [] },
    ]);

  it('streams blocks, runs code and feeds its output back until the end of the message', async () => {
    const model = responses();
    const { log, runner, outcome } = runSolve({ model });
    expect(await outcome).toEqual({ status: 'finished', answer: '18' });
    expect(log.compact).toEqual([
      'start text',
      'delta',
      'end',
      'start code',
      'delta',
      'end',
      'start execution',
      'delta',
      'end (error=false, timedOut=false)',
      'start text',
      'delta',
      'end',
      'start text',
      'delta',
      'end',
      'answer 18',
      'usage',
    ]);
    expect(log.blocks.map((b) => [b.kind, b.text])).toEqual([
      ['text', 'We need the eggs left: 16 - 3 - 4.'],
      ['code', 'eggs = 16 - 3 - 4\nprice = 2.0000001\neggs * price'],
      ['execution', '18'],
      ['text', 'She makes \\(\\boxed{18}\\) dollars a day.'],
      ['text', '18'],
    ]);
    expect(new Set(log.blocks.map((b) => b.id)).size).toBe(5);
    expect(model.resets).toBe(1);
    expect(runner.resets).toBe(1);
  });

  it('sends the context the reference builds: rounded decimals, the stop token, the execution', async () => {
    const model = responses();
    const { runner, outcome } = runSolve({ model });
    await outcome;
    const prompt = mathcoderFormat.buildPrompt(DUCKS_PROBLEM);
    const afterText = `${prompt}<|text|>We need the eggs left: 16 - 3 - 4.<|endofblock|>`;
    expect(model.requests.map((r) => r.prompt)).toEqual([
      prompt,
      afterText,
      `${afterText}<|code|>eggs = 16 - 3 - 4\nprice = 2.000000\neggs * price<|endofblock|><|execution|>18<|endofblock|>`,
      expect.stringMatching(
        /<\|execution\|>18<\|endofblock\|><\|text\|>She makes \\\(\\boxed\{18\}\\\) dollars a day\.<\|endofblock\|>$/,
      ),
      expect.stringMatching(/<\|text\|>18<\|endofblock\|>$/),
    ]);
    expect(model.requests[0]).toMatchObject({ stop: mathcoderFormat.stop, maxTokens: 512 });
    expect(runner.calls).toEqual([
      {
        code: 'eggs = 16 - 3 - 4\nprice = 2.000000\neggs * price',
        options: expect.objectContaining({ timeoutMs: 6000 }),
      },
    ]);
  });

  it('sums usage over the calls and python time', async () => {
    const { log, outcome } = runSolve({ model: responses() });
    await outcome;
    expect(log.events.at(-1)).toEqual({
      type: 'usage',
      usage: { promptTokens: 140, completionTokens: 32, decodeTokensPerSecond: 16 },
      pythonMs: 5,
    });
  });

  it('feeds empty output back as <empty_execution> and shows an empty execution block', async () => {
    const model = new ScriptedModel([{ chunks: ['<|code|>x = 1'] }, { chunks: [] }]);
    const { log, outcome } = runSolve({ model, runner: new FakeRunner({ text: '  \n' }) });
    expect(await outcome).toEqual({ status: 'finished', answer: null });
    expect(
      model.requests[1]?.prompt.endsWith(
        '<|code|>x = 1<|endofblock|><|execution|><empty_execution><|endofblock|>',
      ),
    ).toBe(true);
    expect(log.compact).toEqual([
      'start code',
      'delta',
      'end',
      'start execution',
      'end (error=false, timedOut=false)',
      'usage',
    ]);
  });

  it('caps what the model is fed from a long output and says so', async () => {
    const long = `${'1'.repeat(5000)}\n${'2'.repeat(5000)}`;
    const model = new ScriptedModel([{ chunks: ['<|code|>print(x)'] }, { chunks: [] }]);
    const { log, outcome } = runSolve({ model, runner: new FakeRunner({ text: long }) });
    await outcome;
    const shown = log.blocks.find((b) => b.kind === 'execution')?.text ?? '';
    expect(shown.length).toBeLessThanOrEqual(4000);
    expect(model.requests[1]?.prompt).toContain(shown);
    expect(log.events).toContainEqual({
      type: 'notice',
      code: 'output-truncated',
      message: expect.stringMatching(/10001 characters/),
    });
  });

  it('tells the model about a timeout that printed nothing, with the cell limit', async () => {
    const model = new ScriptedModel([{ chunks: ['<|code|>while True: pass'] }, { chunks: [] }]);
    const runner = new FakeRunner({ text: '', error: true, timedOut: true, durationMs: 2000 });
    const { log, outcome } = runSolve({ model, runner, limits: { cellTimeoutMs: 2000 } });
    await outcome;
    expect(runner.calls[0]?.options?.timeoutMs).toBe(2000);
    expect(log.blocks.find((b) => b.kind === 'execution')?.text).toBe(
      'TimeoutError: the cell ran longer than 2 s and was stopped.',
    );
    expect(log.compact).toContain('end (error=true, timedOut=true)');
  });

  it('stops at the per-block token cap with a notice', async () => {
    const model = new ScriptedModel([
      { chunks: ['<|text|>', 'again '.repeat(20)], finishReason: 'length' },
    ]);
    const { log, outcome } = runSolve({ model, limits: { maxTokensPerBlock: 64 } });
    expect(await outcome).toEqual({ status: 'capped', answer: null });
    expect(model.requests[0]?.maxTokens).toBe(64);
    expect(log.compact).toEqual(['start text', 'delta', 'end', 'notice block-token-cap', 'usage']);
  });

  it('stops at the block cap before a block past it starts, aborting the generation', async () => {
    const model = new ScriptedModel([
      { chunks: ['<|text|>One \\(\\boxed{1}\\).'] },
      { chunks: ['<|code|>2'] },
      { chunks: ['<|text|>Three'], hang: true },
    ]);
    const { log, outcome } = runSolve({ model, limits: { maxBlocks: 2 } });
    expect(await outcome).toEqual({ status: 'capped', answer: '1' });
    expect(model.requests[2]?.signal?.aborted).toBe(true);
    expect(log.compact.slice(-3)).toEqual(['notice block-count-cap', 'answer 1', 'usage']);
    expect(log.blocks.map((b) => b.kind)).toEqual(['text', 'code', 'execution']);
  });

  it('says each malformed-output notice once per run', async () => {
    const model = new ScriptedModel([
      { chunks: ['Stray words<|endofblock|>'] },
      { chunks: ['More stray words'] },
      { chunks: [] },
    ]);
    const { log, outcome } = runSolve({ model });
    await outcome;
    expect(log.summary.filter((s) => s === 'notice malformed-output')).toHaveLength(1);
  });
});

/** Aborts `controller` at the first event that matches. */
function abortOn(controller: AbortController, log: EventLog, match: (e: TraceEvent) => boolean) {
  return (event: TraceEvent) => {
    log.push(event);
    if (match(event)) controller.abort();
  };
}

describe('stopping and failing', () => {
  it('returns stopped at once when aborted mid-generation, closing the open block', async () => {
    const controller = new AbortController();
    const log = new EventLog();
    const model = new ScriptedModel([{ chunks: ['<|text|>Let me think'], hang: true }]);
    const outcome = await solve({
      problem: DUCKS_PROBLEM,
      model,
      format: mathcoderFormat,
      runner: new FakeRunner(),
      signal: controller.signal,
      onEvent: abortOn(controller, log, (e) => e.type === 'block-delta'),
    });
    expect(outcome).toEqual({ status: 'stopped' });
    expect(log.compact).toEqual(['start text', 'delta', 'end', 'usage']);
    expect(model.requests[0]?.signal?.aborted).toBe(true);
  });

  it('does not wait for a backend that ignores the abort', async () => {
    const controller = new AbortController();
    const log = new EventLog();
    const outcome = await solve({
      problem: DUCKS_PROBLEM,
      model: new DeafModel([]),
      format: mathcoderFormat,
      runner: new FakeRunner(),
      signal: controller.signal,
      onEvent: abortOn(controller, log, (e) => e.type === 'block-delta'),
    });
    expect(outcome).toEqual({ status: 'stopped' });
  });

  it('returns stopped when aborted mid-cell, passing the signal to the runner', async () => {
    const controller = new AbortController();
    const log = new EventLog();
    const runner = new FakeRunner();
    runner.hang = true;
    const outcome = await solve({
      problem: DUCKS_PROBLEM,
      model: new ScriptedModel([{ chunks: ['<|code|>import time\ntime.sleep(60)'] }]),
      format: mathcoderFormat,
      runner,
      signal: controller.signal,
      onEvent: abortOn(controller, log, (e) => e.type === 'block-start' && e.kind === 'execution'),
    });
    expect(outcome).toEqual({ status: 'stopped' });
    expect(runner.calls[0]?.options?.signal?.aborted).toBe(true);
    expect(log.compact).toEqual(['start code', 'delta', 'end', 'start execution', 'end', 'usage']);
  });

  it('does nothing when the signal has already aborted', async () => {
    const controller = new AbortController();
    controller.abort();
    const model = new ScriptedModel([]);
    const { log, outcome } = runSolve({ model, signal: controller.signal });
    expect(await outcome).toEqual({ status: 'stopped' });
    expect(model.requests).toHaveLength(0);
    expect(log.compact).toEqual(['usage']);
  });

  it('turns model failures into failed outcomes with a code', async () => {
    const lost: LanguageModel = {
      ...new ScriptedModel([]),
      id: 'm',
      label: 'm',
      kind: 'live',
      generate: () => Promise.reject(new EngineError('device-lost', 'The GPU stopped responding.')),
      reset: async () => undefined,
      dispose: async () => undefined,
    };
    expect(await runSolve({ model: lost }).outcome).toEqual({
      status: 'failed',
      error: { code: 'device-lost', message: 'The GPU stopped responding.' },
    });
    const unloaded = {
      ...lost,
      generate: () =>
        Promise.reject(
          'ModelNotLoadedError: Model not loaded before trying to complete Completion.',
        ),
    };
    const outcome = await runSolve({ model: unloaded }).outcome;
    expect(outcome.status === 'failed' && outcome.error.code).toBe('model-not-loaded');
  });

  it('reports a sandbox that fails as sandbox-failed', async () => {
    const runner = new FakeRunner();
    runner.run = () => Promise.reject(new Error('Pyodide worker crashed'));
    const { outcome } = runSolve({ model: new ScriptedModel([{ chunks: ['<|code|>1'] }]), runner });
    expect(await outcome).toEqual({
      status: 'failed',
      error: { code: 'sandbox-failed', message: expect.stringContaining('Pyodide worker crashed') },
    });
  });
});

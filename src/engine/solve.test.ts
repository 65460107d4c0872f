import { describe, expect, it } from 'vitest';
import { createReplayModel } from './backends/replay';
import { EngineError } from './errors';
import { mathcoderFormat } from './formats/mathcoder';
import { qwenTirFormat } from './formats/qwen-tir';
import { solve } from './solve';
import type { SolveArgs } from './solve';
import type { LanguageModel, SavedSolution, TraceEvent } from './types';
import { DeafModel, EventLog, FakeRunner, ScriptedModel } from './test-doubles';

const PROBLEM =
  "Janet's ducks lay 16 eggs a day. She eats 3 and bakes with 4, and sells the rest at $2 each. How much does she make?";

function run(overrides: Partial<SolveArgs> & Pick<SolveArgs, 'model'>) {
  const log = new EventLog();
  const runner = (overrides.runner as FakeRunner | undefined) ?? new FakeRunner({ text: '18' });
  const outcome = solve({
    problem: PROBLEM,
    format: mathcoderFormat,
    runner,
    signal: new AbortController().signal,
    onEvent: log.push,
    ...overrides,
  });
  return { log, runner, outcome };
}

/** Aborts `controller` at the first event that matches. */
function abortOn(controller: AbortController, log: EventLog, match: (e: TraceEvent) => boolean) {
  return (event: TraceEvent) => {
    log.push(event);
    if (match(event)) controller.abort();
  };
}

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
    const { log, runner, outcome } = run({ model });
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
    const { runner, outcome } = run({ model });
    await outcome;
    const prompt = mathcoderFormat.buildPrompt(PROBLEM);
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
    const { log, outcome } = run({ model: responses() });
    await outcome;
    expect(log.events.at(-1)).toEqual({
      type: 'usage',
      usage: { promptTokens: 140, completionTokens: 32, decodeTokensPerSecond: 16 },
      pythonMs: 5,
    });
  });

  it('feeds empty output back as <empty_execution> and shows an empty execution block', async () => {
    const model = new ScriptedModel([{ chunks: ['<|code|>x = 1'] }, { chunks: [] }]);
    const { log, outcome } = run({ model, runner: new FakeRunner({ text: '  \n' }) });
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
    const { log, outcome } = run({ model, runner: new FakeRunner({ text: long }) });
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
    const { log, outcome } = run({ model, runner, limits: { cellTimeoutMs: 2000 } });
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
    const { log, outcome } = run({ model, limits: { maxTokensPerBlock: 64 } });
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
    const { log, outcome } = run({ model, limits: { maxBlocks: 2 } });
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
    const { log, outcome } = run({ model });
    await outcome;
    expect(log.summary.filter((s) => s === 'notice malformed-output')).toHaveLength(1);
  });
});

describe('solve with the Qwen tool-integrated format', () => {
  it('runs the python fence, feeds an output fence back and reads the boxed answer', async () => {
    const model = new ScriptedModel([
      { chunks: ['Let me compute.\n\n```py', 'thon\nprint(2 + 3)\n```\n', '```'] },
      { chunks: ['The answer is \\(\\boxed{5}\\).'], stopSequence: '<|im_end|>' },
    ]);
    const runner = new FakeRunner({ text: '5' });
    const { log, outcome } = run({ model, runner, format: qwenTirFormat });
    expect(await outcome).toEqual({ status: 'finished', answer: '5' });
    expect(runner.calls.map((c) => c.code)).toEqual(['print(2 + 3)']);
    // The reference's max_tokens_per_call.
    expect(model.requests[0]?.maxTokens).toBe(2048);
    expect(model.requests[1]?.prompt).toBe(
      `${qwenTirFormat.buildPrompt(PROBLEM)}Let me compute.\n\n\`\`\`python\nprint(2 + 3)\n\`\`\`\n\`\`\`output\n5\n\`\`\`\n`,
    );
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
      'answer 5',
      'usage',
    ]);
  });
});

describe('solve with Qwen2.5-Math as its reference runs it', () => {
  const codeCall = (code: string) => ({
    chunks: [`Step.\n\n\`\`\`python\n${code}\n\`\`\`\n`],
    stopSequence: '```output',
  });

  it('feeds back what the program printed, not the last value Jupyter would show', async () => {
    const model = new ScriptedModel([
      codeCall('x = 2 + 3\nprint(x)\nx * 10'),
      { chunks: ['\\(\\boxed{5}\\)'], stopSequence: '<|im_end|>' },
    ]);
    const runner = new FakeRunner({ text: '5\n50', stream: '5\n' });
    const { outcome } = run({ model, runner, format: qwenTirFormat });
    await outcome;
    expect(model.requests[1]?.prompt).toContain('```output\n5\n```');
  });

  it('feeds back only the last line of a traceback, and "Timeout Error" for a cell that ran too long', async () => {
    const model = new ScriptedModel([
      codeCall('print(1)\nundefined_name'),
      codeCall('while True: pass'),
      { chunks: ['\\(\\boxed{1}\\)'], stopSequence: '<|im_end|>' },
    ]);
    const answers = [
      {
        text: "1\nTraceback (most recent call last):\n  Cell In[1], line 2\nNameError: name 'undefined_name' is not defined",
        stream: '1\n',
        error: true,
      },
      { text: '', stream: '', error: true, timedOut: true },
    ];
    const runner = new FakeRunner(() => answers.shift()!);
    const { outcome } = run({ model, runner, format: qwenTirFormat });
    await outcome;
    expect(model.requests[1]?.prompt).toMatch(
      /```output\nNameError: name 'undefined_name' is not defined\n```\n$/,
    );
    expect(model.requests[2]?.prompt).toMatch(/```output\nTimeout Error\n```\n$/);
  });

  it('stops after its 4 tool calls, and takes a Markdown rule for a stop', async () => {
    expect(qwenTirFormat.stop).toContain('\n\n---');
    const model = new ScriptedModel(Array.from({ length: 6 }, () => codeCall('print(1)')));
    const runner = new FakeRunner({ text: '1', stream: '1' });
    const { log, outcome } = run({ model, runner, format: qwenTirFormat });
    expect((await outcome).status).toBe('capped');
    expect(model.requests).toHaveLength(4);
    expect(log.compact).toContain('notice block-count-cap');
  });
});

describe('solve reads the closing answer other models write', () => {
  it.each([
    ['Final Answer: The final answer is $\\frac{3}{4}$. I hope it is correct.', '\\frac{3}{4}'],
    ['So the roots are \\(\\boxed{2}\\) and \\(\\boxed{3}\\).', '2, 3'],
    ['**Answer:** 42', '42'],
  ])('%s', async (closing, answer) => {
    const model = new ScriptedModel([{ chunks: [closing], stopSequence: '<|im_end|>' }]);
    const { outcome } = run({ model, format: qwenTirFormat });
    expect(await outcome).toEqual({ status: 'finished', answer });
  });
});

describe('stopping and failing', () => {
  it('returns stopped at once when aborted mid-generation, closing the open block', async () => {
    const controller = new AbortController();
    const log = new EventLog();
    const model = new ScriptedModel([{ chunks: ['<|text|>Let me think'], hang: true }]);
    const outcome = await solve({
      problem: PROBLEM,
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
      problem: PROBLEM,
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
      problem: PROBLEM,
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
    const { log, outcome } = run({ model, signal: controller.signal });
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
    expect(await run({ model: lost }).outcome).toEqual({
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
    const outcome = await run({ model: unloaded }).outcome;
    expect(outcome.status === 'failed' && outcome.error.code).toBe('model-not-loaded');
  });

  it('reports a sandbox that fails as sandbox-failed', async () => {
    const runner = new FakeRunner();
    runner.run = () => Promise.reject(new Error('Pyodide worker crashed'));
    const { outcome } = run({ model: new ScriptedModel([{ chunks: ['<|code|>1'] }]), runner });
    expect(await outcome).toEqual({
      status: 'failed',
      error: { code: 'sandbox-failed', message: expect.stringContaining('Pyodide worker crashed') },
    });
  });
});

describe('solve with a replayed solution', () => {
  const solution: SavedSolution = {
    format: 'mathcoder-tutor/solution',
    version: 1,
    problem: 'What is 6 * 7?',
    blocks: [
      { kind: 'text', text: 'Multiply the numbers.' },
      { kind: 'code', text: 'a = 6\nif a < 7:\n    a * 7' },
      { kind: 'execution', text: 'recorded, not replayed' },
      { kind: 'text', text: 'The product is \\(\\boxed{42}\\).' },
      { kind: 'text', text: '42' },
    ],
  };

  for (const format of [mathcoderFormat, qwenTirFormat]) {
    it(`replays the recorded blocks through the ${format.id} parser and runs the code live`, async () => {
      const model = createReplayModel(solution, { format, tokensPerSecond: 0 });
      const runner = new FakeRunner({ text: '42' });
      const { log, outcome } = run({ model, runner, format, problem: solution.problem });
      expect(await outcome).toEqual({ status: 'finished', answer: '42' });
      const expectedBlocks = solution.blocks.map((b) => [
        b.kind,
        b.kind === 'execution' ? '42' : b.text,
      ]);
      // Qwen's Markdown joins consecutive prose into one text block.
      const expected =
        format.id === 'qwen-tir'
          ? [...expectedBlocks.slice(0, 3), ['text', 'The product is \\(\\boxed{42}\\).\n\n42']]
          : expectedBlocks;
      expect(log.blocks.map((b) => [b.kind, b.text])).toEqual(expected);
      expect(runner.calls.map((c) => c.code)).toEqual(['a = 6\nif a < 7:\n    a * 7']);
    });
  }
});

// The recorded traces live beside the repository (../shared/data, or MATHCODER_DATA); they are never copied in.
const dataDir = (import.meta.env.MATHCODER_DATA as string | undefined) ?? '../shared/data';
const debugTraces = `${dataDir}/mathcoder-traces/MathCoder-L-7B_GSM8K_debug20.jsonl`;
// Loaded by name because the app's tsconfig has browser types only; this test runs under Node.
const nodeFs: string = 'node:fs';
const fs = (await import(/* @vite-ignore */ nodeFs)) as {
  existsSync(path: string): boolean;
  readFileSync(path: string, encoding: 'utf8'): string;
};

describe.skipIf(!fs.existsSync(debugTraces))('solve replaying a recorded MathCoder trace', () => {
  it('reaches the recorded answer with each recorded execution played back by the runner', async () => {
    const { parseSavedSolution } = await import('./backends/saved-solution');
    const line = fs.readFileSync(debugTraces, 'utf8').split('\n')[0] ?? '';
    const recorded = (
      JSON.parse(line) as { debug_result: Array<{ type?: string; content: string }> }
    ).debug_result;
    const executions = recorded.filter((b) => b.type === 'execution').map((b) => b.content);
    const solution = parseSavedSolution(line);
    let cell = 0;
    const runner = new FakeRunner(() => ({ text: executions[cell++] ?? '' }));
    const { log, outcome } = run({
      model: createReplayModel(solution, { format: mathcoderFormat, tokensPerSecond: 0 }),
      runner,
      problem: solution.problem,
    });
    expect(await outcome).toEqual({ status: 'finished', answer: '18' });
    expect(runner.calls).toHaveLength(executions.length);
    expect(log.blocks.map((b) => b.kind)).toEqual(
      recorded.filter((b) => b.type).map((b) => b.type),
    );
  });
});

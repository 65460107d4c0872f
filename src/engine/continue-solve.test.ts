import { describe, expect, it } from 'vitest';
import { createPlaybackModel } from './backends/playback';
import { contextFromBlocks } from './editing/prefix-context';
import { rerunCells } from './editing/rerun-cells';
import { mathcoderFormat } from './formats/mathcoder';
import { qwenTirFormat } from './formats/qwen-tir';
import { PLAYBACK_CANNOT_CONTINUE, solve } from './solve';
import type { BlockKind, CellOutput, CodeRunner } from './types';
import { EventLog, FakeRunner, ScriptedModel } from './test-doubles';

const PROBLEM = 'What is (3 + 4) times 6?';

/** A runner with a real namespace of sorts: `name = number` lines and `name * k` expressions, reset by `reset()`. */
class TinyPython implements CodeRunner {
  vars = new Map<string, number>();
  readonly log: string[] = [];
  async reset() {
    this.vars.clear();
    this.log.push('reset');
  }
  async run(code: string): Promise<CellOutput> {
    this.log.push(code);
    let text = '';
    for (const line of code.split('\n')) {
      const assign = /^(\w+) = (.+)$/.exec(line);
      const value = (expr: string) =>
        expr
          .split(/\s*\*\s*/)
          .map((t) => (/^\d+$/.test(t) ? Number(t) : this.vars.get(t)))
          .reduce((a, b) => (a === undefined || b === undefined ? undefined : a * b), 1);
      if (assign) {
        const v = value(assign[2]!);
        if (v === undefined)
          return { text: `NameError in ${line}`, error: true, timedOut: false, durationMs: 1 };
        this.vars.set(assign[1]!, v);
      } else if (line.trim()) {
        const v = value(line.trim());
        if (v === undefined)
          return { text: `NameError in ${line}`, error: true, timedOut: false, durationMs: 1 };
        text = String(v);
      }
    }
    return { text, error: false, timedOut: false, durationMs: 1 };
  }
}

describe('contextFromBlocks', () => {
  it('rebuilds exactly the context the MathCoder loop sent the model', async () => {
    const model = new ScriptedModel([
      { chunks: ['<|text|>Multiply 7 by 6.00000001.'] },
      { chunks: ['<|code|>total = 3 + 4\ntotal * 6'] },
      { chunks: ['<|text|>It is \\boxed{42}.'] },
      { chunks: [], stopSequence: '<|endofmessage|>' },
    ]);
    const log = new EventLog();
    await solve({
      problem: PROBLEM,
      model,
      format: mathcoderFormat,
      runner: new FakeRunner({ text: '42\n' }),
      signal: new AbortController().signal,
      onEvent: log.push,
    });
    const blocks = log.blocks.map(({ kind, text }) => ({ kind: kind as BlockKind, text }));
    // Before the third call the trace held text, code and execution; before the fourth, one more text block.
    expect(contextFromBlocks(mathcoderFormat, PROBLEM, blocks.slice(0, 3))).toBe(
      model.requests[2]!.prompt,
    );
    expect(contextFromBlocks(mathcoderFormat, PROBLEM, blocks)).toBe(model.requests[3]!.prompt);
  });

  it('rebuilds the Qwen context, prose and code of one generation joined as the model wrote them', async () => {
    const model = new ScriptedModel([
      { chunks: ['Let me compute.\n\n```python\nprint(2 + 3)\n```\n'], stopSequence: '```output' },
      { chunks: ['The answer is \\(\\boxed{5}\\).'], stopSequence: '<|im_end|>' },
    ]);
    const log = new EventLog();
    await solve({
      problem: PROBLEM,
      model,
      format: qwenTirFormat,
      runner: new FakeRunner({ text: '5' }),
      signal: new AbortController().signal,
      onEvent: log.push,
    });
    const blocks = log.blocks.map(({ kind, text }) => ({ kind: kind as BlockKind, text }));
    expect(contextFromBlocks(qwenTirFormat, PROBLEM, blocks.slice(0, 3))).toBe(
      model.requests[1]!.prompt,
    );
  });
});

describe('rerunCells', () => {
  const blocks = [
    { kind: 'text' as const, text: 'Set a.' },
    { kind: 'code' as const, text: 'a = 7' },
    { kind: 'execution' as const, text: '' },
    { kind: 'code' as const, text: 'b = a * 2\nb' },
    { kind: 'execution' as const, text: '14' },
    { kind: 'text' as const, text: 'So b is 14.' },
    { kind: 'code' as const, text: 'b * 3' },
    { kind: 'execution' as const, text: '42' },
  ];

  it('resets, prepares the namespace with the earlier cells silently, then runs the edited cell and every later one', async () => {
    const runner = new TinyPython();
    runner.vars.set('stale', 1);
    const edited = blocks.map((b, i) => (i === 3 ? { ...b, text: 'b = a * 3\nb' } : b));
    const seen: Array<[number, string]> = [];
    const outputs = await rerunCells({
      blocks: edited,
      from: 3,
      runner,
      format: mathcoderFormat,
      signal: new AbortController().signal,
      onCell: (i, out) => seen.push([i, out.text]),
    });
    expect(runner.log).toEqual(['reset', 'a = 7', 'b = a * 3\nb', 'b * 3']);
    expect(seen).toEqual([
      [3, '21'],
      [6, '63'],
    ]);
    expect([...outputs.keys()]).toEqual([3, 6]);
    expect(runner.vars.has('stale')).toBe(false);
  });

  it('stops with an AbortError when the signal aborts, running nothing more', async () => {
    const runner = new TinyPython();
    const controller = new AbortController();
    const run = rerunCells({
      blocks,
      from: 1,
      runner,
      format: mathcoderFormat,
      signal: controller.signal,
      onCell: () => controller.abort(),
    });
    await expect(run).rejects.toMatchObject({ name: 'AbortError' });
    expect(runner.log).toEqual(['reset', 'a = 7']);
  });

  it('reports a sandbox that breaks as sandbox-failed', async () => {
    const runner: CodeRunner = {
      reset: async () => undefined,
      run: () => Promise.reject(new Error('the worker crashed')),
    };
    await expect(
      rerunCells({
        blocks,
        from: 1,
        runner,
        format: mathcoderFormat,
        signal: new AbortController().signal,
      }),
    ).rejects.toMatchObject({ code: 'sandbox-failed' });
  });
});

describe('solve from a prefix (continue from here)', () => {
  const prefix = [
    { kind: 'text' as const, text: 'Compute it with Python.' },
    { kind: 'code' as const, text: 'total = 3 * 5\ntotal * 6' },
    { kind: 'execution' as const, text: '90' },
  ];

  it('prepares a fresh namespace with the prefix cells, sends the edited trace as context and emits only new blocks', async () => {
    const model = new ScriptedModel([
      { chunks: ['<|code|>answer = total * 6\nanswer'] },
      { chunks: ['<|text|>So it is \\boxed{90}.'] },
      { chunks: [], stopSequence: '<|endofmessage|>' },
    ]);
    const runner = new TinyPython();
    const log = new EventLog();
    const outcome = await solve({
      problem: PROBLEM,
      model,
      format: mathcoderFormat,
      runner,
      signal: new AbortController().signal,
      onEvent: log.push,
      prefix,
      blockIdPrefix: 'continued-',
    });
    expect(outcome).toEqual({ status: 'finished', answer: '90' });
    expect(model.requests[0]!.prompt).toBe(contextFromBlocks(mathcoderFormat, PROBLEM, prefix));
    expect(model.requests[0]!.prompt).toContain(
      '<|code|>total = 3 * 5\ntotal * 6<|endofblock|><|execution|>90<|endofblock|>',
    );
    // The new cell sees `total` from the prefix that prepared the namespace.
    expect(runner.log).toEqual(['reset', 'total = 3 * 5\ntotal * 6', 'answer = total * 6\nanswer']);
    expect(log.blocks.map((b) => [b.id, b.kind, b.text])).toEqual([
      ['continued-1', 'code', 'answer = total * 6\nanswer'],
      ['continued-2', 'execution', '90'],
      ['continued-3', 'text', 'So it is \\boxed{90}.'],
    ]);
    expect(model.resets).toBe(1);
  });

  it('runs a last code block of the prefix before the model goes on, and counts prefix blocks towards the cap', async () => {
    const model = new ScriptedModel([{ chunks: ['<|text|>Done.'] }, { chunks: ['<|text|>More.'] }]);
    const runner = new TinyPython();
    const log = new EventLog();
    const outcome = await solve({
      problem: PROBLEM,
      model,
      format: mathcoderFormat,
      runner,
      signal: new AbortController().signal,
      onEvent: log.push,
      prefix: prefix.slice(0, 2),
      limits: { maxBlocks: 3 },
    });
    expect(log.blocks.map((b) => [b.kind, b.text])).toEqual([
      ['execution', '90'],
      ['text', 'Done.'],
    ]);
    expect(model.requests[0]!.prompt.endsWith('<|execution|>90<|endofblock|>')).toBe(true);
    expect(outcome).toEqual({ status: 'capped', answer: null });
  });

  it('refuses to continue a playback, saying why, and runs nothing', async () => {
    const model = createPlaybackModel(
      { format: 'mathcoder-tutor/solution', version: 1, problem: PROBLEM, blocks: prefix },
      { format: mathcoderFormat, tokensPerSecond: 0 },
    );
    const runner = new TinyPython();
    const outcome = await solve({
      problem: PROBLEM,
      model,
      format: mathcoderFormat,
      runner,
      signal: new AbortController().signal,
      onEvent: () => undefined,
      prefix,
    });
    expect(outcome).toEqual({
      status: 'failed',
      error: { code: 'model-not-loaded', message: PLAYBACK_CANNOT_CONTINUE },
    });
    expect(runner.log).toEqual([]);
  });
});

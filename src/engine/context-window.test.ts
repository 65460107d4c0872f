import { describe, expect, it } from 'vitest';
import { EngineError } from './errors';
import { mathcoderFormat } from './formats/mathcoder';
import { solve } from './solve';
import type { GenerateRequest, GenerateResult } from './types';
import { EventLog, FakeRunner, ScriptedModel, type ScriptedResponse } from './test-doubles';

const PROBLEM = 'Add the numbers one to eight, one step of code for each, and say the sum.';

const tokensOf = (text: string) => Math.ceil(text.length / 4);

/**
 * A model whose context holds `contextLength` tokens of four characters, behaving as llama.cpp does at the edge:
 * a prompt that fills the context is refused, and a generation stops where the context ends.
 */
class SmallContextModel extends ScriptedModel {
  constructor(
    responses: ScriptedResponse[],
    readonly contextLength: number,
    counts = true,
  ) {
    super(responses);
    if (!counts) this.countTokens = undefined;
  }

  countTokens?: (text: string) => Promise<number> = async (text) => tokensOf(text);

  override async generate(
    request: GenerateRequest,
    onText: (delta: string) => void,
  ): Promise<GenerateResult> {
    const prompt = tokensOf(request.prompt);
    if (prompt >= this.contextLength) {
      this.requests.push(request);
      throw new EngineError(
        'context-full',
        'the request exceeds the available context size, try increasing it',
      );
    }
    let written = 0;
    let cut = false;
    const result = await super.generate(request, (delta) => {
      if (cut) return;
      written += tokensOf(delta);
      if (prompt + written > this.contextLength) cut = true;
      else onText(delta);
    });
    return cut ? { ...result, finishReason: 'context' } : result;
  }
}

const steps = (n: number): ScriptedResponse[] => [
  ...Array.from({ length: n }, (_, i) => ({
    chunks: [`<|code|>total_${i + 1} = sum(range(1, ${i + 2}))  # step ${i + 1} of the sum\n`],
  })),
  { chunks: ['<|text|>The sum is \\(\\boxed{36}\\).'] },
  { chunks: [] },
];

function run(model: ScriptedModel, maxTokensPerBlock = 40) {
  const log = new EventLog();
  const outcome = solve({
    problem: PROBLEM,
    model,
    format: mathcoderFormat,
    runner: new FakeRunner({ text: '36' }),
    signal: new AbortController().signal,
    onEvent: log.push,
    limits: { maxTokensPerBlock, maxBlocks: 16 },
  });
  return { log, outcome };
}

describe('solve when the context window fills', () => {
  it('keeps the prompt and the latest steps, leaves out the oldest and marks them in the trace', async () => {
    const model = new SmallContextModel(steps(8), 200);
    const { log, outcome } = run(model);
    expect(await outcome).toEqual({ status: 'finished', answer: '36' });

    const head = mathcoderFormat.buildPrompt(PROBLEM);
    for (const request of model.requests) {
      expect(request.prompt.startsWith(head)).toBe(true);
      // One block's tokens stay free after the prompt, as the reference's 1536 of 2048 do.
      expect(tokensOf(request.prompt) + request.maxTokens).toBeLessThanOrEqual(200);
    }
    const marks = log.events.flatMap((e) =>
      e.type === 'context-trimmed' ? [e.leftOutBlocks] : [],
    );
    expect(marks.length).toBeGreaterThan(0);
    // Whole rounds go: a code block and its output together, oldest first.
    expect(marks.every((n, i) => n % 2 === 0 && n > (marks[i - 1] ?? 0))).toBe(true);
    const leftOut = marks.at(-1)!;
    const last = model.requests.at(-1)!.prompt;
    const blocks = log.blocks;
    expect(last).not.toContain(blocks[leftOut - 2]!.text);
    expect(last).toContain(blocks[leftOut]!.text);
    expect(log.summary.filter((s) => s === 'notice context-trimmed')).toHaveLength(1);
  });

  it('leaves out one more round when the backend refuses the prompt as too long', async () => {
    // Without a token count the loop learns of the limit only from the refusal.
    const model = new SmallContextModel(steps(8), 200, false);
    const { log, outcome } = run(model);
    expect(await outcome).toEqual({ status: 'finished', answer: '36' });
    const refused = model.requests.filter((r) => tokensOf(r.prompt) >= 200);
    expect(refused.length).toBeGreaterThan(0);
    expect(log.events.some((e) => e.type === 'context-trimmed')).toBe(true);
  });

  it('fails with the context message when the problem and the latest step alone do not fit', async () => {
    const model = new SmallContextModel(steps(1), 80);
    const { outcome } = run(model);
    expect(await outcome).toMatchObject({ status: 'failed', error: { code: 'context-full' } });
  });

  it('says a generation stopped by the context is not the model repeating itself', async () => {
    const model = new SmallContextModel([{ chunks: ['<|text|>', 'long '.repeat(200)] }], 120);
    const { log, outcome } = run(model, 512);
    expect(await outcome).toEqual({ status: 'capped', answer: null });
    expect(log.summary).toContain('notice context-full');
    expect(log.summary).not.toContain('notice block-token-cap');
    const notice = log.events.find((e) => e.type === 'notice' && e.code === 'context-full');
    expect(notice).toMatchObject({
      message: expect.stringMatching(/context window \(120 tokens\) filled up/),
    });
  });

  it('calls a cap lowered to what the window has left a context stop too', async () => {
    const model = new SmallContextModel(
      [{ chunks: ['<|text|>', 'long '.repeat(10)], finishReason: 'length' }],
      160,
    );
    const { log, outcome } = run(model, 512);
    expect(await outcome).toEqual({ status: 'capped', answer: null });
    expect(model.requests[0]!.maxTokens).toBeLessThan(512);
    expect(log.summary).toContain('notice context-full');
    expect(log.summary).not.toContain('notice block-token-cap');
  });
});

import { describe, expect, it } from 'vitest';
import { EngineError } from '../../errors';
import { mathcoderFormat, MATHCODER_ADDED_TOKENS } from '../../formats/mathcoder';
import { solve } from '../../solve';
import { EventLog, FakeRunner } from '../../test-doubles';
import {
  createWebLLMLanguageModel,
  type TokenEngineLike,
  type TokenizerLike,
} from './webllm-language-model';

const SPECIAL = ['<s>', '</s>', ...MATHCODER_ADDED_TOKENS];

/**
 * A tokenizer over special tokens and single characters, whose decode drops special tokens (as a tokenizer
 * decoding with skip_special_tokens would) and drops one leading space (as SentencePiece's decoder does), so the
 * model must write both out itself. encode adds BOS like Llama's post-processor.
 */
function fakeTokenizer(): TokenizerLike & { vocab: string[] } {
  const vocab = [...SPECIAL];
  const idOf = (piece: string) => {
    let id = vocab.indexOf(piece);
    if (id < 0) id = vocab.push(piece) - 1;
    return id;
  };
  return {
    vocab,
    encode(text) {
      const ids = [idOf('<s>')];
      for (let i = 0; i < text.length;) {
        const special = SPECIAL.find((s) => text.startsWith(s, i));
        const piece = special ?? text[i]!;
        ids.push(idOf(piece));
        i += piece.length;
      }
      return Int32Array.from(ids);
    },
    decode(ids) {
      const text = Array.from(ids, (id) => vocab[id] ?? '')
        .filter((p) => !SPECIAL.includes(p))
        .join('');
      return text.startsWith(' ') ? text.slice(1) : text;
    },
  };
}

/** A model that writes a code block, then after its execution a closing text, reading what it is given into a KV cache. */
function fakeEngine(tokenizer: ReturnType<typeof fakeTokenizer>) {
  const kv: number[] = [];
  const reads: number[][] = [];
  let queue: number[] = [];
  let resets = 0;
  const text = () => kv.map((id) => tokenizer.vocab[id]).join('');
  const ids = (s: string) => Array.from(tokenizer.encode(s)).slice(1);
  const engine: TokenEngineLike = {
    async forwardTokensAndSample(inputIds, isPrefill) {
      expect(isPrefill || inputIds.length === 1).toBe(true);
      reads.push([...inputIds]);
      kv.push(...inputIds);
      const context = text();
      if (context.endsWith('<|assistant|>')) queue = ids(' <|code|>x = 6 * 7\nx<|endofblock|>');
      else if (context.endsWith('<|execution|>42<|endofblock|>')) {
        queue = ids('<|text|> So it is \\boxed{42}.<|endofblock|>');
      } else if (context.endsWith('\\boxed{42}.<|endofblock|>')) queue = ids('<|endofmessage|>');
      const next = queue.shift();
      if (next === undefined)
        throw new Error(`fake model has no continuation for …${context.slice(-40)}`);
      return next;
    },
    async resetChat() {
      resets++;
      kv.length = 0;
    },
    async unload() {},
  };
  return { engine, kv, reads, resets: () => resets };
}

function setup() {
  const tokenizer = fakeTokenizer();
  const fake = fakeEngine(tokenizer);
  let released = 0;
  const model = createWebLLMLanguageModel(
    fake.engine,
    tokenizer,
    { id: 'M', label: 'Model M', contextWindow: 4096, literalTokens: SPECIAL },
    () => released++,
  );
  return { model, fake, tokenizer, released: () => released };
}

async function solveOnce(model: ReturnType<typeof setup>['model']) {
  const log = new EventLog();
  const runner = new FakeRunner({ text: '42' });
  const outcome = await solve({
    problem: 'What is 6 times 7?',
    model,
    format: mathcoderFormat,
    runner,
    signal: new AbortController().signal,
    onEvent: log.push,
  });
  return { outcome, log, runner };
}

describe('WebLLM model on forwardTokensAndSample', () => {
  it('reads each context token into the KV cache once per problem through the whole tool loop', async () => {
    const { model, fake } = setup();
    const { outcome, log, runner } = await solveOnce(model);
    expect(outcome).toEqual({ status: 'finished', answer: '42' });
    expect(runner.calls.map((c) => c.code.trim())).toEqual(['x = 6 * 7\nx']);
    expect(log.blocks.map(({ kind, text }) => ({ kind, text }))).toEqual([
      { kind: 'code', text: 'x = 6 * 7\nx' },
      { kind: 'execution', text: '42' },
      { kind: 'text', text: expect.stringContaining('So it is \\boxed{42}.') },
    ]);
    // Everything read, in order, is exactly the final context: nothing was read twice.
    expect(fake.reads.flat()).toEqual(fake.kv);
    expect(fake.resets()).toBe(0);
    const usage = log.events.filter((e) => e.type === 'usage');
    expect(usage.length).toBeGreaterThan(0);
  });

  it('reads three times fewer tokens than re-reading the prompt per block would, and reports the reuse', async () => {
    const { model, fake } = setup();
    const results: Array<{ promptTokens: number; cachedPromptTokens?: number }> = [];
    const wrapped = {
      ...model,
      generate: async (...args: Parameters<typeof model.generate>) => {
        const result = await model.generate(...args);
        if (result.usage) results.push(result.usage);
        return result;
      },
    };
    await solveOnce(wrapped);
    const read = results.reduce((n, u) => n + u.promptTokens, 0);
    const whole = results.reduce((n, u) => n + u.promptTokens + (u.cachedPromptTokens ?? 0), 0);
    // The first call reads the prompt; later ones only what the loop appended (the execution, the block end).
    expect(fake.reads[0]!.length).toBe(results[0]!.promptTokens);
    expect(results[0]!.cachedPromptTokens).toBe(0);
    expect(results.slice(1).every((u) => (u.cachedPromptTokens ?? 0) > 0)).toBe(true);
    expect(whole).toBeGreaterThan(2 * read);
  });

  it('starts from an empty cache for the next problem, and when the context changed behind it', async () => {
    const { model, fake } = setup();
    await solveOnce(model);
    await model.reset();
    expect(fake.resets()).toBe(1);
    fake.reads.length = 0;
    await solveOnce(model);
    expect(fake.reads.flat()).toEqual(fake.kv);

    // An edited earlier block: the prompt no longer extends what is cached.
    await expect(
      model.generate(
        { prompt: '<s>different<|assistant|>', stop: ['<|endofblock|>'], maxTokens: 64 },
        () => undefined,
      ),
    ).resolves.toMatchObject({ finishReason: 'stop', stopSequence: '<|endofblock|>' });
    expect(fake.resets()).toBe(2);
  });

  it('holds back a possible stop string, stops on it, and honours the token cap and abort', async () => {
    const { model } = setup();
    const deltas: string[] = [];
    const result = await model.generate(
      { prompt: '<s><|assistant|>', stop: ['* 7'], maxTokens: 64 },
      (d) => deltas.push(d),
    );
    expect(result).toMatchObject({ finishReason: 'stop', stopSequence: '* 7' });
    expect(deltas.join('')).toBe(' <|code|>x = 6 ');

    const capped = setup();
    const text: string[] = [];
    expect(
      (
        await capped.model.generate({ prompt: '<s><|assistant|>', stop: [], maxTokens: 3 }, (d) =>
          text.push(d),
        )
      ).finishReason,
    ).toBe('length');
    expect(text.join('')).toBe(' <|code|>x');

    const aborted = setup();
    const controller = new AbortController();
    const seen: string[] = [];
    const stopped = await aborted.model.generate(
      { prompt: '<s><|assistant|>', stop: [], maxTokens: 64, signal: controller.signal },
      (d) => {
        seen.push(d);
        controller.abort();
      },
    );
    expect(stopped.finishReason).toBe('abort');
    expect(seen).toHaveLength(1);
  });

  it('refuses a context longer than the window, and turns engine failures into EngineErrors', async () => {
    const tokenizer = fakeTokenizer();
    const small = createWebLLMLanguageModel(
      fakeEngine(tokenizer).engine,
      tokenizer,
      { id: 'M', label: 'M', contextWindow: 10, literalTokens: SPECIAL },
      () => undefined,
    );
    await expect(
      small.generate({ prompt: '<s><|assistant|>', stop: [], maxTokens: 512 }, () => undefined),
    ).rejects.toMatchObject({ message: expect.stringMatching(/context window/) });

    const lost = createWebLLMLanguageModel(
      {
        forwardTokensAndSample: () =>
          Promise.reject('DeviceLostError: The WebGPU device was lost while generating.'),
        resetChat: async () => undefined,
        unload: async () => undefined,
      },
      tokenizer,
      { id: 'M', label: 'M', contextWindow: 4096, literalTokens: SPECIAL },
      () => undefined,
    );
    const failure = lost.generate({ prompt: '<s>x', stop: [], maxTokens: 5 }, () => undefined);
    await expect(failure).rejects.toBeInstanceOf(EngineError);
    await expect(failure).rejects.toMatchObject({ code: 'device-lost' });
  });

  it('unloads the engine and releases the worker on dispose', async () => {
    const { model, released } = setup();
    await model.dispose();
    expect(released()).toBe(1);
  });
});

import type { RawCompletionChunk } from '@wllama/wllama/esm/index.js';
import { describe, expect, it } from 'vitest';
import { createWllamaLanguageModel, type WllamaLike } from './wllama-language-model';

function chunk(text: string, extra: Partial<RawCompletionChunk> = {}): RawCompletionChunk {
  return {
    id: 'x',
    object: 'text_completion',
    created: 0,
    model: 'test',
    choices: [{ text, index: 0, finish_reason: null, logprobs: null }],
    ...extra,
  };
}

const timings = {
  cache_n: 40,
  prompt_n: 5,
  prompt_ms: 50,
  prompt_per_token_ms: 10,
  prompt_per_second: 100,
  predicted_n: 3,
  predicted_ms: 30,
  predicted_per_token_ms: 10,
  predicted_per_second: 100,
};

function fakeWllama(chunks: RawCompletionChunk[]) {
  const requests: Array<Record<string, unknown>> = [];
  const wllama: WllamaLike = {
    async createCompletion(options) {
      requests.push(options as unknown as Record<string, unknown>);
      return (async function* () {
        for (const c of chunks) {
          if (options.abortSignal?.aborted) throw new DOMException('aborted', 'AbortError');
          yield c;
        }
      })();
    },
    mustAddBosToken: () => true,
    exit: async () => undefined,
  };
  return { wllama, requests };
}

const info = {
  id: 'm',
  label: 'M',
  runtime: 'llama.cpp (wllama) on CPU, 1 thread',
  bosText: '<s>',
};

describe('wllama language model', () => {
  it('streams text greedily, reports what was read and reused, and reads the whole prompt after reset', async () => {
    const { wllama, requests } = fakeWllama([chunk('<|text|>Hi'), chunk(' there', { timings })]);
    const model = createWllamaLanguageModel(wllama, info);
    let text = '';
    const result = await model.generate(
      { prompt: '<s><|user|>q', stop: ['<|endofblock|>'], maxTokens: 8 },
      (d) => (text += d),
    );
    expect(text).toBe('<|text|>Hi there');
    expect(result).toEqual({
      finishReason: 'stop',
      stopSequence: null,
      usage: expect.objectContaining({
        promptTokens: 5,
        cachedPromptTokens: 40,
        contextTokens: 45,
        completionTokens: 3,
      }),
    });
    await model.generate({ prompt: '<s><|user|>q more', stop: [], maxTokens: 8 }, () => undefined);
    await model.reset();
    await model.generate({ prompt: '<s><|user|>r', stop: [], maxTokens: 8 }, () => undefined);
    // llama.cpp adds BOS itself.
    expect(requests.map((r) => [r.prompt, r.cache_prompt, r.temperature])).toEqual([
      ['<|user|>q', false, 0],
      ['<|user|>q more', true, 0],
      ['<|user|>r', false, 0],
    ]);
  });

  it('streams the text after a special token without the space a space-prefix vocabulary puts there', async () => {
    const { wllama } = fakeWllama([chunk('<|text|>'), chunk(' To'), chunk(' add', { timings })]);
    const model = createWllamaLanguageModel(wllama, {
      ...info,
      spacePrefixAfter: ['<|text|>', '<|endofblock|>'],
    });
    let text = '';
    await model.generate({ prompt: '<s><|user|>q', stop: [], maxTokens: 8 }, (d) => (text += d));
    // llama.cpp reads "<|text|>To add" back as the tokens it streamed: `<|text|>`, `▁To`, `▁add`.
    expect(text).toBe('<|text|>To add');
    const plain = createWllamaLanguageModel(fakeWllama([chunk('<|text|> To')]).wllama, info);
    text = '';
    await plain.generate({ prompt: 'q', stop: [], maxTokens: 8 }, (d) => (text += d));
    expect(text).toBe('<|text|> To');
  });

  it('answers an abort as a finish reason, not an error', async () => {
    const controller = new AbortController();
    const { wllama } = fakeWllama([chunk('a'), chunk('b'), chunk('c')]);
    const model = createWllamaLanguageModel(wllama, info);
    const seen: string[] = [];
    const result = await model.generate(
      { prompt: 'p', stop: [], maxTokens: 8, signal: controller.signal },
      (d) => {
        seen.push(d);
        controller.abort();
      },
    );
    expect(result.finishReason).toBe('abort');
    expect(seen).toEqual(['a']);
  });

  it('tells a stop at the full context from a stop at max_tokens', async () => {
    const length = (predicted: number) =>
      chunk('x', {
        choices: [{ text: 'x', index: 0, finish_reason: 'length', logprobs: null }],
        timings: { ...timings, predicted_n: predicted },
      });
    const capped = createWllamaLanguageModel(fakeWllama([length(8)]).wllama, info);
    const full = createWllamaLanguageModel(fakeWllama([length(3)]).wllama, info);
    const request = { prompt: 'p', stop: [], maxTokens: 8 };
    expect((await capped.generate(request, () => undefined)).finishReason).toBe('length');
    expect((await full.generate(request, () => undefined)).finishReason).toBe('context');
  });

  it('reports the decode speed of a completion long enough to time, so the list can show it', async () => {
    const timed = (predicted: number, rate: number) =>
      chunk('x', { timings: { ...timings, predicted_n: predicted, predicted_per_second: rate } });
    const seen: number[] = [];
    const onDecodeSpeed = (rate: number) => seen.push(rate);
    const request = { prompt: 'p', stop: [], maxTokens: 64 };
    await createWllamaLanguageModel(fakeWllama([timed(40, 2.5)]).wllama, {
      ...info,
      onDecodeSpeed,
    }).generate(request, () => undefined);
    await createWllamaLanguageModel(fakeWllama([timed(3, 9)]).wllama, {
      ...info,
      onDecodeSpeed,
    }).generate(request, () => undefined);
    expect(seen).toEqual([2.5]);
  });

  it('gives its context length and counts tokens by the ratio the last prompt showed', async () => {
    // 45 tokens (5 read, 40 reused) for a 90-character prompt: half a token a character.
    const { wllama } = fakeWllama([chunk('x', { timings })]);
    const model = createWllamaLanguageModel(wllama, { ...info, contextLength: 2048 });
    expect(model.contextLength).toBe(2048);
    const before = await model.countTokens!('y'.repeat(100));
    await model.generate({ prompt: 'p'.repeat(90), stop: [], maxTokens: 8 }, () => undefined);
    expect(await model.countTokens!('y'.repeat(100))).toBe(Math.ceil(100 * 0.5 * 1.1));
    expect(before).toBe(50);
  });
});

import type { Completion, CompletionCreateParamsStreaming, CompletionUsage } from '@mlc-ai/web-llm';
import { describe, expect, it } from 'vitest';
import { EngineError } from '../../../errors';
import { createWebLLMLanguageModel } from '../webllm-language-model';
import type { WebLLMEngineLike } from '../webllm-language-model';

const chunk = (text: string, finish: string | null = null): Completion =>
  ({
    id: 'c',
    object: 'text_completion',
    created: 0,
    model: 'm',
    choices: [{ index: 0, text, finish_reason: finish }],
  }) as Completion;

const usageChunk = (usage: Partial<CompletionUsage>): Completion =>
  ({
    id: 'c',
    object: 'text_completion',
    created: 0,
    model: 'm',
    choices: [],
    usage,
  }) as unknown as Completion;

function fakeEngine(
  chunks: Completion[],
  options: { failWith?: unknown; onChunk?: (i: number) => void } = {},
) {
  const seen = {
    requests: [] as CompletionCreateParamsStreaming[],
    interrupts: 0,
    resets: 0,
    unloads: 0,
    released: 0,
  };
  const engine: WebLLMEngineLike = {
    completions: {
      create: async (request) => {
        seen.requests.push(request);
        if (options.failWith !== undefined) throw options.failWith;
        return (async function* () {
          for (const [i, c] of chunks.entries()) {
            options.onChunk?.(i);
            yield c;
          }
        })();
      },
    },
    interruptGenerate: () => {
      seen.interrupts++;
    },
    resetChat: async () => {
      seen.resets++;
    },
    unload: async () => {
      seen.unloads++;
    },
  };
  const model = createWebLLMLanguageModel(
    engine,
    { id: 'M', label: 'Model M' },
    () => seen.released++,
  );
  return { model, seen };
}

describe('WebLLM language model', () => {
  it('streams a greedy completion with the stops, the token cap and usage from the usage chunk', async () => {
    const { model, seen } = fakeEngine([
      chunk('<|text|>Hel'),
      chunk('lo'),
      chunk('', 'stop'),
      usageChunk({
        prompt_tokens: 40,
        completion_tokens: 3,
        extra: {
          prefill_tokens_per_s: 400,
          decode_tokens_per_s: 20,
          time_to_first_token_s: 0.1,
          e2e_latency_s: 1,
          time_per_output_token_s: 0.05,
        },
      }),
    ]);
    const deltas: string[] = [];
    const result = await model.generate(
      { prompt: 'P', stop: ['<|endofblock|>'], maxTokens: 512 },
      (d) => deltas.push(d),
    );
    expect(deltas).toEqual(['<|text|>Hel', 'lo']);
    expect(result).toEqual({
      finishReason: 'stop',
      stopSequence: null,
      usage: {
        promptTokens: 40,
        completionTokens: 3,
        prefillTokensPerSecond: 400,
        decodeTokensPerSecond: 20,
        timeToFirstTokenSeconds: 0.1,
      },
    });
    expect(seen.requests[0]).toMatchObject({
      prompt: 'P',
      stop: ['<|endofblock|>'],
      max_tokens: 512,
      stream: true,
      stream_options: { include_usage: true },
      temperature: 0,
    });
    expect(model.kind).toBe('live');
  });

  it('reports the token cap', async () => {
    const { model } = fakeEngine([chunk('x'), chunk('', 'length')]);
    expect(
      (await model.generate({ prompt: 'P', stop: [], maxTokens: 1 }, () => undefined)).finishReason,
    ).toBe('length');
  });

  it('interrupts the engine when the signal aborts', async () => {
    const controller = new AbortController();
    const { model, seen } = fakeEngine([chunk('a'), chunk('b'), chunk('c'), chunk('', 'stop')], {
      onChunk: (i) => {
        if (i === 1) controller.abort();
      },
    });
    const deltas: string[] = [];
    const result = await model.generate(
      { prompt: 'P', stop: [], maxTokens: 9, signal: controller.signal },
      (d) => deltas.push(d),
    );
    expect(result.finishReason).toBe('abort');
    expect(deltas).toEqual(['a']);
    expect(seen.interrupts).toBeGreaterThanOrEqual(1);
  });

  it('turns the strings worker engines reject with into EngineErrors', async () => {
    const { model } = fakeEngine([], {
      failWith: 'ModelNotLoadedError: Model not loaded before trying to complete Completion.',
    });
    const failure = model.generate({ prompt: 'P', stop: [], maxTokens: 9 }, () => undefined);
    await expect(failure).rejects.toBeInstanceOf(EngineError);
    await expect(failure).rejects.toMatchObject({ code: 'model-not-loaded' });
  });

  it('resets the chat and unloads then releases the worker on dispose', async () => {
    const { model, seen } = fakeEngine([]);
    await model.reset();
    await model.dispose();
    expect(seen).toMatchObject({ resets: 1, unloads: 1, released: 1 });
  });
});

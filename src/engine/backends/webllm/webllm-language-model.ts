import type { Completion, CompletionCreateParamsStreaming, CompletionUsage } from '@mlc-ai/web-llm';
import { EngineError, toEngineError } from '../../errors';
import type { ModelOption } from '../../models/catalog';
import type { GenerateRequest, GenerateResult, LanguageModel, Usage } from '../../types';

/** The part of WebLLM's engine the model uses (WebWorkerMLCEngine in the app, a fake in tests). */
export interface WebLLMEngineLike {
  completions: {
    create(request: CompletionCreateParamsStreaming): Promise<AsyncIterable<Completion>>;
  };
  interruptGenerate(): void;
  resetChat(): Promise<void>;
  unload(): Promise<void>;
}

function toUsage(usage: CompletionUsage): Usage {
  return {
    promptTokens: usage.prompt_tokens,
    completionTokens: usage.completion_tokens,
    prefillTokensPerSecond: usage.extra?.prefill_tokens_per_s,
    decodeTokensPerSecond: usage.extra?.decode_tokens_per_s,
    timeToFirstTokenSeconds: usage.extra?.time_to_first_token_s,
  };
}

function toFinishReason(reason: string): GenerateResult['finishReason'] {
  return reason === 'length' || reason === 'abort' ? reason : 'stop';
}

function rethrow(error: unknown): never {
  throw EngineError.from(toEngineError(error), error);
}

export function createWebLLMLanguageModel(
  engine: WebLLMEngineLike,
  option: Pick<ModelOption, 'id' | 'label'>,
  release: () => void,
): LanguageModel {
  return {
    id: option.id,
    label: option.label,
    kind: 'live',

    async generate(
      { prompt, stop, maxTokens, signal }: GenerateRequest,
      onText,
    ): Promise<GenerateResult> {
      if (signal?.aborted) return { finishReason: 'abort', stopSequence: null };
      // An interrupt sent before the worker starts generating is forgotten, so it is repeated on every chunk after an abort.
      const interrupt = () => engine.interruptGenerate();
      signal?.addEventListener('abort', interrupt, { once: true });
      let finishReason: GenerateResult['finishReason'] = 'stop';
      let usage: Usage | undefined;
      try {
        // completions.create re-reads the whole prompt on every call; KV reuse comes with the forwardTokensAndSample/chat route later.
        const stream = await engine.completions.create({
          prompt,
          stop: [...stop],
          max_tokens: maxTokens,
          stream: true,
          stream_options: { include_usage: true },
          temperature: 0,
          top_p: 1,
          repetition_penalty: 1,
        });
        for await (const chunk of stream) {
          if (signal?.aborted) {
            interrupt();
            break;
          }
          const choice = chunk.choices[0];
          if (choice?.text) onText(choice.text);
          if (choice?.finish_reason) finishReason = toFinishReason(choice.finish_reason);
          if (chunk.usage) usage = toUsage(chunk.usage);
        }
      } catch (error) {
        if (signal?.aborted) return { finishReason: 'abort', stopSequence: null, usage };
        rethrow(error);
      } finally {
        signal?.removeEventListener('abort', interrupt);
      }
      // WebLLM does not say which stop string matched; the prompt format infers it.
      return { finishReason: signal?.aborted ? 'abort' : finishReason, stopSequence: null, usage };
    },

    async reset() {
      await engine.resetChat().catch(rethrow);
    },

    async dispose() {
      try {
        await engine.unload();
      } catch {
        // The worker is terminated next either way.
      } finally {
        release();
      }
    },
  };
}

import type { RawCompletionChunk, RawCompletionParams } from '@wllama/wllama/esm/index.js';
import { EngineError, toEngineError, type ModelMemory } from '../../errors';
import type { GenerateRequest, GenerateResult, LanguageModel, Usage } from '../../types';
import { SpacePrefixUndo } from './space-prefix';

/** The part of wllama's `Wllama` the model uses (the real one in the app, a fake in tests). */
export interface WllamaLike {
  createCompletion(
    options: RawCompletionParams & { stream: true },
  ): Promise<AsyncIterable<RawCompletionChunk>>;
  mustAddBosToken(): boolean;
  exit(): Promise<void>;
}

export interface WllamaModelInfo {
  id: string;
  label: string;
  /** Engine and device in words. */
  runtime: string;
  /** The prompt format's BOS text, dropped from prompts because llama.cpp adds BOS itself. */
  bosText?: string;
  /** Tokens the loaded context holds (llama.cpp's `n_ctx` after loading). */
  contextLength?: number;
  /** Where weights and KV cache live, so an out-of-memory message names it. */
  memory?: ModelMemory;
  /** Special tokens after which the vocabulary reads a space (`add_space_prefix`): the text keeps none, so it reads back the same. */
  spacePrefixAfter?: readonly string[];
  /** Told the decode speed of each completion long enough to time (kept per device for the model list). */
  onDecodeSpeed?(tokensPerSecond: number): void;
}

/** Completions shorter than this say little about the decode speed (the first tokens include warm-up). */
const MIN_TIMED_TOKENS = 16;

type Timings = NonNullable<RawCompletionChunk['timings']>;

function toUsage(
  timings: Timings | undefined,
  chunk: RawCompletionChunk | null,
): Usage | undefined {
  if (timings) {
    return {
      promptTokens: timings.prompt_n,
      completionTokens: timings.predicted_n,
      cachedPromptTokens: timings.cache_n,
      contextTokens: timings.prompt_n + timings.cache_n,
      prefillTokensPerSecond: timings.prompt_n > 0 ? timings.prompt_per_second : undefined,
      decodeTokensPerSecond: timings.predicted_n > 0 ? timings.predicted_per_second : undefined,
      timeToFirstTokenSeconds: timings.prompt_ms / 1000,
    };
  }
  const usage = chunk?.usage;
  if (!usage) return undefined;
  const cached = usage.prompt_tokens_details?.cached_tokens ?? 0;
  return {
    promptTokens: usage.prompt_tokens - cached,
    completionTokens: usage.completion_tokens,
    cachedPromptTokens: cached,
    contextTokens: usage.prompt_tokens,
  };
}

function isAbort(error: unknown): boolean {
  return error instanceof Error && /abort/i.test(`${error.name} ${error.message}`);
}

/** Before any prompt was read: two characters a token errs on the long side (LLaMA reads each digit alone). */
const FIRST_TOKENS_PER_CHAR = 0.5;
/** Margin on a measured ratio: later blocks hold more digits and code than the prompt it was measured on. */
const ESTIMATE_MARGIN = 1.1;

/** llama.cpp keeps the last prompt's KV cache (`cache_prompt`), so each block of a problem reads only what was appended. */
export function createWllamaLanguageModel(
  wllama: WllamaLike,
  info: WllamaModelInfo,
): LanguageModel {
  // After reset() the next prompt is read whole, so nothing of the previous problem carries over.
  let fresh = true;
  // wllama has no tokenize call: each completion's prompt token count calibrates the estimate for the next.
  let tokensPerChar = FIRST_TOKENS_PER_CHAR / ESTIMATE_MARGIN;
  return {
    id: info.id,
    label: info.label,
    kind: 'live',
    runtime: info.runtime,
    contextLength: info.contextLength,

    async countTokens(text: string) {
      return Math.ceil(text.length * tokensPerChar * ESTIMATE_MARGIN);
    },

    async generate(
      { prompt, stop, maxTokens, signal }: GenerateRequest,
      onText,
    ): Promise<GenerateResult> {
      if (signal?.aborted) return { finishReason: 'abort', stopSequence: null };
      const text =
        info.bosText && wllama.mustAddBosToken() && prompt.startsWith(info.bosText)
          ? prompt.slice(info.bosText.length)
          : prompt;
      let finishReason: GenerateResult['finishReason'] = 'stop';
      let timings: Timings | undefined;
      let last: RawCompletionChunk | null = null;
      const undo = new SpacePrefixUndo(info.spacePrefixAfter ?? [], text);
      try {
        const stream = await wllama.createCompletion({
          prompt: text,
          stream: true,
          stop: [...stop],
          max_tokens: maxTokens,
          temperature: 0,
          top_k: 1,
          abortSignal: signal,
          cache_prompt: !fresh,
        } as RawCompletionParams & { stream: true; cache_prompt: boolean });
        fresh = false;
        for await (const chunk of stream) {
          if (signal?.aborted) break;
          last = chunk;
          const choice = chunk.choices[0];
          const delta = choice?.text ? undo.push(choice.text) : '';
          if (delta) onText(delta);
          if (choice?.finish_reason === 'length') finishReason = 'length';
          if (chunk.timings) timings = chunk.timings;
        }
      } catch (error) {
        if (signal?.aborted || isAbort(error)) {
          return { finishReason: 'abort', stopSequence: null };
        }
        throw EngineError.from(toEngineError(error, { memory: info.memory }), error);
      }
      const usage = toUsage(timings, last);
      const rate = usage?.decodeTokensPerSecond;
      if (rate && (usage.completionTokens ?? 0) >= MIN_TIMED_TOKENS) info.onDecodeSpeed?.(rate);
      if (timings && text.length > 0)
        tokensPerChar = (timings.prompt_n + timings.cache_n) / text.length;
      // llama.cpp ends with "length" both at max_tokens and when the context is full.
      if (finishReason === 'length' && timings && timings.predicted_n < maxTokens)
        finishReason = 'context';
      if (signal?.aborted) return { finishReason: 'abort', stopSequence: null, usage };
      // llama.cpp does not say which stop string matched; the prompt format infers it.
      return { finishReason, stopSequence: null, usage };
    },

    async reset() {
      fresh = true;
    },

    async dispose() {
      await wllama.exit().catch(() => undefined);
    },
  };
}

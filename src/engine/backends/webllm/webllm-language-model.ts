// The WebLLM backend reads each context token into the KV cache once per problem.
//
// Why this route: `completions.create` resets the KV cache on every call, so a tool loop on it re-reads the whole
// prompt once per code block. The chat API keeps the cache only when the earlier messages repeat exactly and the new
// one is a user or tool turn, and it wraps every message in the conversation template's role tokens; MathCoder's
// execution block sits inside the assistant's turn, so no template reproduces its prompt. WebLLM 0.2.86 also has
// `forwardTokensAndSample(ids, isPrefill)`, which appends `ids` to the KV cache and samples the next token. With the
// model's own tokenizer (@mlc-ai/web-tokenizers on the same tokenizer.json) the loop below feeds only what the
// context gained since the last call, decodes token by token, and stops on the format's stop strings itself.
// Sampling follows the chat config, which the loader sets to greedy (temperature 0, no penalties).
import { EngineError, toEngineError } from '../../errors';
import type { GenerateRequest, GenerateResult, LanguageModel, Usage } from '../../types';

/** The part of WebLLM's engine this model uses (WebWorkerMLCEngine in the app, a fake in tests). */
export interface TokenEngineLike {
  forwardTokensAndSample(inputIds: number[], isPrefill: boolean): Promise<number>;
  resetChat(keepStats?: boolean): Promise<void>;
  unload(): Promise<void>;
}

/** The part of @mlc-ai/web-tokenizers' Tokenizer used here. */
export interface TokenizerLike {
  encode(text: string): Int32Array | number[];
  decode(ids: Int32Array): string;
}

export interface TokenModelInfo {
  id: string;
  label: string;
  runtime?: string;
  /** The model's context window (mlc-chat-config.json's context_window_size). */
  contextWindow: number;
  /** Special tokens the prompt format reads in the text (MathCoder's <|code|>…): written out whatever decode does with them. */
  literalTokens: readonly string[];
}

const REPLACEMENT = '\uFFFD';

function contextError(needed: number, window: number): Error {
  const error = new Error(
    `exceed context window: ${needed} tokens would be needed, the model holds ${window}.`,
  );
  error.name = 'ContextWindowSizeExceededError';
  return error;
}

/** What is in the KV cache: the tokens read, the text they stand for, and the last sampled token not read yet. */
interface CacheState {
  ids: number[];
  text: string;
  pending: { id: number; text: string } | null;
}

const empty = (): CacheState => ({ ids: [], text: '', pending: null });

export function createWebLLMLanguageModel(
  engine: TokenEngineLike,
  tokenizer: TokenizerLike,
  info: TokenModelInfo,
  release: () => void,
): LanguageModel {
  // Tokens the tokenizer adds to every encode (BOS for Llama's post-processor): the prompt spells its own BOS.
  const added = Array.from(tokenizer.encode(''));
  const encode = (text: string): number[] => {
    const ids = Array.from(tokenizer.encode(text));
    return added.length > 0 && added.every((id, i) => ids[i] === id)
      ? ids.slice(added.length)
      : ids;
  };
  const decode = (ids: number[]) => tokenizer.decode(Int32Array.from(ids));
  const singleId = (text: string): number | null => {
    const ids = encode(text);
    return ids.length === 1 ? ids[0]! : null;
  };
  const stopIds = new Map<number, string>();
  const literals = new Map<number, string>();
  for (const t of info.literalTokens) {
    const id = singleId(t);
    if (id !== null) literals.set(id, t);
  }
  // A plain token to decode after: decoding pieces alone would drop their leading space (SentencePiece's decoder).
  const anchor = Array.from(encode('\n')).at(-1);
  const piece = (ids: number[]): string =>
    anchor === undefined ? decode(ids) : decode([anchor, ...ids]).slice(decode([anchor]).length);
  /** The text of generated tokens, special tokens written out. */
  const render = (ids: number[]): string => {
    let out = '';
    let run: number[] = [];
    for (const id of ids) {
      const literal = literals.get(id);
      if (literal === undefined) {
        run.push(id);
        continue;
      }
      if (run.length) out += piece(run);
      run = [];
      out += literal;
    }
    return run.length ? out + piece(run) : out;
  };
  let cache = empty();
  let stale = false;

  async function readPrompt(prompt: string): Promise<{ read: number[]; reused: number }> {
    const known = cache.text + (cache.pending?.text ?? '');
    if (!stale && cache.ids.length > 0 && prompt.startsWith(known)) {
      const read = [
        ...(cache.pending ? [cache.pending.id] : []),
        ...encode(prompt.slice(known.length)),
      ];
      return { read, reused: cache.ids.length };
    }
    // The context changed before what is cached (an edited block, a new problem): start from an empty cache.
    if (cache.ids.length > 0 || stale) await engine.resetChat(true);
    stale = false;
    cache = empty();
    return { read: encode(prompt), reused: 0 };
  }

  return {
    id: info.id,
    label: info.label,
    kind: 'live',
    runtime: info.runtime,
    contextLength: info.contextWindow,

    async countTokens(text: string) {
      return encode(text).length;
    },

    async generate(
      { prompt, stop, maxTokens, signal }: GenerateRequest,
      onText,
    ): Promise<GenerateResult> {
      if (signal?.aborted) return { finishReason: 'abort', stopSequence: null };
      for (const s of stop) {
        if (![...stopIds.values()].includes(s)) {
          const id = singleId(s);
          if (id !== null) stopIds.set(id, s);
        }
      }
      const textStops = stop.filter((s) => ![...stopIds.values()].includes(s));
      const activeStops = new Map([...stopIds].filter(([, s]) => stop.includes(s)));
      const started = performance.now();
      try {
        const { read, reused } = await readPrompt(prompt);
        const promptText = prompt.slice(cache.text.length);
        if (read.length === 0) {
          // Nothing new to read: the model goes on from the token it sampled last.
          throw new EngineError('unknown', 'The model was asked to continue an empty context.');
        }
        const needed = reused + read.length + maxTokens;
        if (needed > info.contextWindow) throw contextError(needed, info.contextWindow);

        let next = await engine.forwardTokensAndSample(read, read.length > 1);
        const prefillDone = performance.now();
        cache.ids.push(...read);
        cache.text += promptText;
        cache.pending = null;
        const generated: number[] = [];
        let text = '';
        let emitted = 0;
        let finishReason: GenerateResult['finishReason'] = 'length';
        let stopSequence: string | null = null;
        let cutByText = false;

        for (;;) {
          if (signal?.aborted) {
            finishReason = 'abort';
            break;
          }
          const stopText = activeStops.get(next);
          if (stopText !== undefined) {
            finishReason = 'stop';
            stopSequence = stopText;
            cache.pending = { id: next, text: stopText };
            break;
          }
          generated.push(next);
          text = render(generated);
          const hit = textStops
            .map((s) => ({ s, at: text.indexOf(s, Math.max(0, emitted - s.length)) }))
            .filter((h) => h.at >= 0)
            .sort((a, b) => a.at - b.at)[0];
          if (hit) {
            if (hit.at > emitted) onText(text.slice(emitted, hit.at));
            emitted = hit.at;
            finishReason = 'stop';
            stopSequence = hit.s;
            cutByText = true;
            break;
          }
          // Hold back an unfinished UTF-8 character and anything that could start a stop string.
          let safe = text.endsWith(REPLACEMENT) ? text.length - 1 : text.length;
          for (const s of textStops) {
            for (let n = Math.min(s.length - 1, safe - emitted); n > 0; n--) {
              if (text.slice(safe - n, safe) === s.slice(0, n)) {
                safe -= n;
                break;
              }
            }
          }
          if (safe > emitted) {
            onText(text.slice(emitted, safe));
            emitted = safe;
          }
          if (generated.length >= maxTokens) {
            finishReason = 'length';
            break;
          }
          next = await engine.forwardTokensAndSample([next], false);
          cache.ids.push(generated.at(-1)!);
        }

        // What was held back as a possible stop string is text after all.
        if (!cutByText && emitted < text.length) onText(text.slice(emitted));
        if (finishReason === 'abort' || cache.pending !== null) {
          // Every generated token was read (a stop token or an abort's unread sample is not part of the text).
          cache.text += text;
        } else {
          // Cut by the token cap or a stop string: the last token was sampled but not read; it goes in with the next prompt.
          const last = generated.at(-1)!;
          const before = render(generated.slice(0, -1));
          cache.text += before;
          cache.pending = { id: last, text: text.slice(before.length) };
        }

        const ended = performance.now();
        const decodeSeconds = (ended - prefillDone) / 1000;
        const usage: Usage = {
          promptTokens: read.length,
          completionTokens: generated.length,
          cachedPromptTokens: reused,
          contextTokens: reused + read.length,
          prefillTokensPerSecond: read.length / Math.max(1e-6, (prefillDone - started) / 1000),
          decodeTokensPerSecond:
            generated.length > 1 && decodeSeconds > 0
              ? (generated.length - 1) / decodeSeconds
              : undefined,
          timeToFirstTokenSeconds: (prefillDone - started) / 1000,
        };
        return { finishReason, stopSequence, usage };
      } catch (error) {
        // After a failure the cache no longer matches what was recorded.
        stale = true;
        if (error instanceof EngineError) throw error;
        throw EngineError.from(toEngineError(error, { memory: 'gpu' }), error);
      }
    },

    async reset() {
      if (cache.ids.length === 0 && !stale) return;
      try {
        await engine.resetChat(true);
      } catch (error) {
        throw EngineError.from(toEngineError(error, { memory: 'gpu' }), error);
      }
      cache = empty();
      stale = false;
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

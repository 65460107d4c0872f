import { delay } from '../abort';
import type { PromptFormat } from '../formats/prompt-format';
import type { GenerateResult, LanguageModel, SavedSolution } from '../types';

const CHARS_PER_TOKEN = 4;
const TICK_MS = 20;

/** About 400 characters a second: quick to watch, slow enough to see the trace unfold. */
export const DEFAULT_PLAYBACK_TOKENS_PER_SECOND = 100;

export interface PlaybackOptions {
  format: PromptFormat;
  /** Pace of the playback, counting four characters a token; 0 writes everything at once (tests). */
  tokensPerSecond?: number;
}

function earliestStop(
  text: string,
  stops: readonly string[],
): { index: number; stop: string } | null {
  let best: { index: number; stop: string } | null = null;
  for (const stop of stops) {
    const index = text.indexOf(stop);
    if (
      index !== -1 &&
      (best === null ||
        index < best.index ||
        (index === best.index && stop.length > best.stop.length))
    ) {
      best = { index, stop };
    }
  }
  return best;
}

/**
 * A model that writes a saved solution's text and code blocks again, in the format's text form, so the same parser
 * and loop run it and its code is executed live. Recorded executions are not played back.
 */
export function createPlaybackModel(
  solution: SavedSolution,
  { format, tokensPerSecond = DEFAULT_PLAYBACK_TOKENS_PER_SECOND }: PlaybackOptions,
): LanguageModel {
  const transcript =
    solution.blocks
      .flatMap((block) =>
        block.kind === 'execution' ? [] : [format.renderModelBlock(block.kind, block.text)],
      )
      .join('') + format.endOfMessage;
  const charsPerTick =
    tokensPerSecond > 0
      ? Math.max(1, Math.round((tokensPerSecond * CHARS_PER_TOKEN * TICK_MS) / 1000))
      : CHARS_PER_TOKEN;
  let cursor = 0;

  return {
    id: `playback:${solution.model ?? 'saved-solution'}`,
    label: 'Playback of a saved solution',
    kind: 'playback',

    async generate({ stop, signal }, onText): Promise<GenerateResult> {
      const rest = transcript.slice(cursor);
      if (rest === '') return { finishReason: 'stop', stopSequence: format.endOfMessage };
      const hit = earliestStop(rest, stop);
      const text = hit ? rest.slice(0, hit.index) : rest;
      for (let i = 0; i < text.length; i += charsPerTick) {
        if (signal?.aborted) return { finishReason: 'abort', stopSequence: null };
        if (tokensPerSecond > 0 && i > 0) {
          try {
            await delay(TICK_MS, signal);
          } catch {
            return { finishReason: 'abort', stopSequence: null };
          }
        }
        onText(text.slice(i, i + charsPerTick));
      }
      cursor += hit ? hit.index + hit.stop.length : rest.length;
      return { finishReason: 'stop', stopSequence: hit?.stop ?? null };
    },

    async reset() {
      cursor = 0;
    },

    async dispose() {},
  };
}

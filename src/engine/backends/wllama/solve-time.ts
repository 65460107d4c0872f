import type { RawCompletionChunk } from '@wllama/wllama/esm/index.js';
import type { WllamaLike } from './wllama-language-model';

/**
 * Tokens a typical MathCoder solution writes: its recorded traces (SVAMP, mathematics) write a median of about 1,000
 * characters of prose and code, about 300 LLaMA tokens.
 */
export const TYPICAL_SOLUTION_TOKENS = 300;

/** A few tokens decoded after loading: enough for llama.cpp to time its decode, a few seconds even on a slow CPU. */
const PROBE_TOKENS = 4;

/** llama.cpp's own decode speed on this device, from a short greedy completion; null when it gave no timing. */
export async function measureDecodeSpeed(
  wllama: Pick<WllamaLike, 'createCompletion'>,
  signal?: AbortSignal,
): Promise<number | null> {
  const stream = await wllama.createCompletion({
    prompt: 'Let us solve',
    stream: true,
    max_tokens: PROBE_TOKENS,
    temperature: 0,
    top_k: 1,
    abortSignal: signal,
  });
  let timings: RawCompletionChunk['timings'];
  for await (const chunk of stream) if (chunk.timings) timings = chunk.timings;
  const rate = timings && timings.predicted_n > 1 ? timings.predicted_per_second : null;
  return rate && Number.isFinite(rate) && rate > 0 ? rate : null;
}

function roundedDuration(seconds: number): string {
  if (seconds < 90) return `${Math.max(1, Math.round(seconds))} seconds`;
  const minutes = Math.round(seconds / 60);
  if (minutes < 90) return `${minutes} minutes`;
  return `${(seconds / 3600).toFixed(1)} hours`;
}

/** The list's words beside a model whose speed was measured here. */
export function expectedSolveTime(decodeTokensPerSecond: number): string {
  const seconds = TYPICAL_SOLUTION_TOKENS / decodeTokensPerSecond;
  return `a typical solution takes about ${roundedDuration(seconds)} here (${rateText(decodeTokensPerSecond)} tokens/s measured)`;
}

/** Two figures at most, and never "0.0": a 7B on a slow CPU can write 0.04 tokens/s. */
const rateText = (rate: number) =>
  rate >= 10 ? String(Math.round(rate)) : rate >= 0.1 ? rate.toFixed(1) : rate.toPrecision(1);

/** The load message's words for a CPU: how fast the model writes here, and what a typical solution takes at that rate. */
export function describeSolveTime(decodeTokensPerSecond: number): string {
  const rate = rateText(decodeTokensPerSecond);
  const seconds = TYPICAL_SOLUTION_TOKENS / decodeTokensPerSecond;
  return (
    `writes about ${rate} tokens/s on this device's CPU: ` +
    `a typical solution (about ${TYPICAL_SOLUTION_TOKENS} tokens) takes about ${roundedDuration(seconds)}`
  );
}

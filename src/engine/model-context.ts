// What the model is given to read: the prompt (system prompt and problem), then the trace's rounds. When the context
// window fills, the oldest rounds are left out, never the prompt: the reference instead keeps the last 1536 tokens
// of its 2048, which cuts the problem itself once a solution grows long.
import type { LanguageModel } from './types';

/** One model generation and the execution fed back after it: what is left out together when the context is full. */
export interface ContextRound {
  text: string;
  /** Trace blocks the round stands for. */
  blocks: number;
}

export class ModelContext {
  private readonly rounds: ContextRound[] = [];
  private readonly tokens = new Map<ContextRound, number>();
  /** Rounds before this one are left out of the model's context. */
  private start = 0;

  constructor(
    readonly head: string,
    rounds: readonly ContextRound[] = [],
  ) {
    this.rounds.push(...rounds.map((r) => ({ ...r })));
  }

  /** A generation that ended a round of its own. */
  addRound(text: string, blocks: number): void {
    this.rounds.push({ text, blocks });
  }

  /** An execution fed back after the last generation. */
  extendLastRound(text: string, blocks: number): void {
    const last = this.rounds.at(-1);
    if (!last) {
      this.addRound(text, blocks);
      return;
    }
    this.tokens.delete(last);
    last.text += text;
    last.blocks += blocks;
  }

  get text(): string {
    return this.head + this.kept.map((r) => r.text).join('');
  }

  /** Trace blocks no longer in the model's context, counted from the first. */
  get leftOutBlocks(): number {
    return this.rounds.slice(0, this.start).reduce((n, r) => n + r.blocks, 0);
  }

  private get kept(): ContextRound[] {
    return this.rounds.slice(this.start);
  }

  /** The latest round always stays: without it the model would write the same step again. */
  canLeaveOut(): boolean {
    return this.start < this.rounds.length - 1;
  }

  leaveOutOldest(): void {
    if (this.canLeaveOut()) this.start++;
  }

  async countRound(round: ContextRound, count: (text: string) => Promise<number>) {
    const known = this.tokens.get(round);
    if (known !== undefined) return known;
    const n = await count(round.text);
    this.tokens.set(round, n);
    return n;
  }

  /** Tokens of the head and each kept round, counted apart (cached per round) for the trimming loop. */
  async keptTokens(count: (text: string) => Promise<number>): Promise<number[]> {
    return [
      await count(this.head),
      ...(await Promise.all(this.kept.map((r) => this.countRound(r, count)))),
    ];
  }
}

export interface FittedPrompt {
  prompt: string;
  /** The call's token cap: at most what the window has left after the prompt. */
  maxTokens: number;
  /** Whether rounds were left out for this call. */
  trimmed: boolean;
}

/**
 * Leaves out the oldest rounds when the prompt would take more than the window minus one block's tokens (the
 * reference's 1536 of 2048), and then down to half a block below that, so the next calls reuse the KV cache
 * instead of re-reading the context after every block.
 */
export async function fitContext(
  model: LanguageModel,
  context: ModelContext,
  maxTokens: number,
): Promise<FittedPrompt> {
  const window = model.contextLength;
  const count = model.countTokens?.bind(model);
  if (!window || !count) return { prompt: context.text, maxTokens, trimmed: false };
  const reserve = Math.min(maxTokens, Math.floor(window / 4));
  const budget = window - reserve;
  const parts = await context.keptTokens(count);
  let total = parts.reduce((a, b) => a + b, 0);
  let trimmed = false;
  if (total > budget) {
    const target = budget - Math.floor(reserve / 2);
    for (let i = 1; total > target && context.canLeaveOut(); i++) {
      total -= parts[i]!;
      context.leaveOutOldest();
      trimmed = true;
    }
  }
  const prompt = context.text;
  // Counted whole: tokens at the seams between rounds can differ from the sum of their parts.
  const promptTokens = await count(prompt);
  const room = window - promptTokens;
  // No room at all: the backend refuses the prompt with its own context error.
  return { prompt, maxTokens: room > 0 ? Math.min(maxTokens, room) : maxTokens, trimmed };
}

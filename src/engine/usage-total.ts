import type { TraceEvent, Usage } from './types';

/** Sums the model's usage over the calls of one solve; speeds are weighted by tokens, the first-token time is the first call's. */
export class UsageTotal {
  private promptTokens = 0;
  private completionTokens = 0;
  private cachedPromptTokens: number | undefined;
  private contextTokens: number | undefined;
  private prefillSeconds = 0;
  private prefillTimedTokens = 0;
  private decodeSeconds = 0;
  private decodeTimedTokens = 0;
  private firstTokenSeconds: number | undefined;
  private pythonMs = 0;

  addModel(usage: Usage | undefined): void {
    if (!usage) return;
    this.promptTokens += usage.promptTokens;
    this.completionTokens += usage.completionTokens;
    if (usage.cachedPromptTokens !== undefined) {
      this.cachedPromptTokens = (this.cachedPromptTokens ?? 0) + usage.cachedPromptTokens;
    }
    if (usage.contextTokens !== undefined) this.contextTokens = usage.contextTokens;
    if (usage.prefillTokensPerSecond && usage.prefillTokensPerSecond > 0) {
      this.prefillSeconds += usage.promptTokens / usage.prefillTokensPerSecond;
      this.prefillTimedTokens += usage.promptTokens;
    }
    if (usage.decodeTokensPerSecond && usage.decodeTokensPerSecond > 0) {
      this.decodeSeconds += usage.completionTokens / usage.decodeTokensPerSecond;
      this.decodeTimedTokens += usage.completionTokens;
    }
    this.firstTokenSeconds ??= usage.timeToFirstTokenSeconds;
  }

  addPython(durationMs: number): void {
    this.pythonMs += durationMs;
  }

  toEvent(): Extract<TraceEvent, { type: 'usage' }> {
    const usage: Usage = {
      promptTokens: this.promptTokens,
      completionTokens: this.completionTokens,
    };
    if (this.cachedPromptTokens !== undefined) usage.cachedPromptTokens = this.cachedPromptTokens;
    if (this.contextTokens !== undefined) usage.contextTokens = this.contextTokens;
    if (this.prefillSeconds > 0)
      usage.prefillTokensPerSecond = this.prefillTimedTokens / this.prefillSeconds;
    if (this.decodeSeconds > 0)
      usage.decodeTokensPerSecond = this.decodeTimedTokens / this.decodeSeconds;
    if (this.firstTokenSeconds !== undefined)
      usage.timeToFirstTokenSeconds = this.firstTokenSeconds;
    return { type: 'usage', usage, pythonMs: this.pythonMs };
  }
}

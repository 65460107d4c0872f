import type { Usage } from '../engine/types';
import { formatSeconds } from './format';

export function UsageLine({ usage, pythonMs }: { usage: Usage; pythonMs: number }) {
  // A playback generates no tokens, so only Python's time means anything there.
  const tokens = usage.completionTokens > 0;
  const parts = [
    tokens &&
      (usage.cachedPromptTokens !== undefined
        ? `${usage.promptTokens} prompt tokens read, ${usage.cachedPromptTokens} reused from cache`
        : `${usage.promptTokens} prompt tokens`),
    tokens && `${usage.completionTokens} generated`,
    usage.decodeTokensPerSecond !== undefined &&
      `${usage.decodeTokensPerSecond.toFixed(1)} tokens/s`,
    usage.timeToFirstTokenSeconds !== undefined &&
      `first token after ${formatSeconds(usage.timeToFirstTokenSeconds * 1000)}`,
    `Python ${formatSeconds(pythonMs)}`,
  ].filter(Boolean);
  return (
    <p
      className="usage muted"
      aria-label="Usage"
      data-prompt-read={usage.promptTokens}
      data-completion={usage.completionTokens}
      data-prompt-cached={usage.cachedPromptTokens}
      data-context-tokens={usage.contextTokens}
      data-decode-tps={usage.decodeTokensPerSecond}
      data-prefill-tps={usage.prefillTokensPerSecond}
    >
      {parts.join(' · ')}
    </p>
  );
}

import { DEFAULT_LIMITS, type SolveLimits } from '../engine/solve';

/**
 * What the page's address asks for. `cellTimeoutMs` exists so tests need not wait 6 s per runaway cell: it may
 * shorten the limit, and lengthen it only in a page driven by test automation (see `readConfig`).
 */
export interface AppConfig {
  playbackUrl: string | null;
  cellTimeoutMs: number | undefined;
  /** `?testModel=<same-origin URL>`: offers the generated test GGUF (scripts/test-model/make-test-gguf.ts) for end-to-end tests. */
  testModelUrl: string | null;
  /** `?pieceBytes=`, `?splitBytes=`: smaller download pieces and split parts, so tests split a tiny one-file model. */
  pieceBytes: number | undefined;
  splitBytes: number | undefined;
  /** `?maxTokensPerBlock=`: a shorter cap on each model block, so a benchmark decodes a fixed number of tokens. */
  maxTokensPerBlock: number | undefined;
}

function positiveNumber(value: string | null): number | undefined {
  const n = value === null ? NaN : Number(value);
  return Number.isFinite(n) && n > 0 ? n : undefined;
}

/**
 * Whether the page is driven by test automation (WebDriver, Playwright) or served by the dev server: the only
 * places a test parameter may lengthen a limit. A link cannot set navigator.webdriver.
 */
export function underTest(): boolean {
  const navigator = (globalThis as { navigator?: { webdriver?: boolean } }).navigator;
  return import.meta.env.DEV || navigator?.webdriver === true;
}

/** A cell limit from the address: never longer than the production limit, unless under test. */
function cellLimit(asked: number | undefined, lengthen: boolean): number | undefined {
  if (asked === undefined || lengthen) return asked;
  return Math.min(asked, DEFAULT_LIMITS.cellTimeoutMs);
}

export function readConfig(search: string, lengthenLimits = underTest()): AppConfig {
  const params = new URLSearchParams(search);
  return {
    // `?replay=` is the parameter's earlier name; links that carry it still open.
    playbackUrl: params.get('playback') ?? params.get('replay'),
    cellTimeoutMs: cellLimit(positiveNumber(params.get('cellTimeoutMs')), lengthenLimits),
    testModelUrl: params.get('testModel'),
    pieceBytes: positiveNumber(params.get('pieceBytes')),
    splitBytes: positiveNumber(params.get('splitBytes')),
    maxTokensPerBlock: positiveNumber(params.get('maxTokensPerBlock')),
  };
}

/** The limits the page's address sets; unset ones keep the reference's. */
export function solveLimits(config: AppConfig): Partial<SolveLimits> | undefined {
  const limits: Partial<SolveLimits> = {};
  if (config.cellTimeoutMs) limits.cellTimeoutMs = config.cellTimeoutMs;
  if (config.maxTokensPerBlock) limits.maxTokensPerBlock = Math.floor(config.maxTokensPerBlock);
  return Object.keys(limits).length > 0 ? limits : undefined;
}

/** Resolves a `?playback=` address, or null when it points at another origin. */
export function sameOriginUrl(raw: string, page: Location | URL): URL | null {
  try {
    const url = new URL(raw, page.href);
    return url.origin === page.origin ? url : null;
  } catch {
    return null;
  }
}

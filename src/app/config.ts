/** What the page's address asks for; `cellTimeoutMs` exists so tests need not wait 6 s per runaway cell. */
export interface AppConfig {
  replayUrl: string | null;
  cellTimeoutMs: number | undefined;
  /** `?testModel=<same-origin URL>`: offers the generated test GGUF (scripts/make-test-gguf.ts) for end-to-end tests. */
  testModelUrl: string | null;
  /** `?pieceBytes=`, `?splitBytes=`: smaller download pieces and split parts, so tests split a tiny one-file model. */
  pieceBytes: number | undefined;
  splitBytes: number | undefined;
}

function positiveNumber(value: string | null): number | undefined {
  const n = value === null ? NaN : Number(value);
  return Number.isFinite(n) && n > 0 ? n : undefined;
}

export function readConfig(search: string): AppConfig {
  const params = new URLSearchParams(search);
  return {
    replayUrl: params.get('replay'),
    cellTimeoutMs: positiveNumber(params.get('cellTimeoutMs')),
    testModelUrl: params.get('testModel'),
    pieceBytes: positiveNumber(params.get('pieceBytes')),
    splitBytes: positiveNumber(params.get('splitBytes')),
  };
}

/** Resolves a `?replay=` address, or null when it points at another origin. */
export function sameOriginUrl(raw: string, page: Location | URL): URL | null {
  try {
    const url = new URL(raw, page.href);
    return url.origin === page.origin ? url : null;
  } catch {
    return null;
  }
}

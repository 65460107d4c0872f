import { modes, normalOrigin, themes, type Mode, type Theme } from './protocol';

/** What the tutor offers today; the widget falls back to the first when asked for another. */
export const availableModes: Mode[] = ['solve', 'step', 'check'];
export const availableLanguages = ['en'];

/** The widget's own options, read from embed.html's address (the app's own, like `playback`, are read by readConfig). */
export interface EmbedParams {
  problem: string;
  model: string | null;
  mode: Mode;
  theme: Theme;
  language: string;
  /** The origin the host library says it runs on; trusted only if the deployment allows it. */
  hostOrigin: string | null;
}

function oneOf<T extends string>(value: string | null, options: readonly T[], fallback: T): T {
  return value !== null && (options as readonly string[]).includes(value) ? (value as T) : fallback;
}

export function readEmbedParams(search: string): EmbedParams {
  const params = new URLSearchParams(search);
  const mode = oneOf(params.get('mode'), modes, 'solve');
  return {
    problem: (params.get('problem') ?? '').slice(0, 8_000),
    model: params.get('model'),
    mode: availableModes.includes(mode) ? mode : availableModes[0]!,
    theme: oneOf(params.get('theme'), themes, 'auto'),
    language: oneOf(params.get('lang'), availableLanguages, availableLanguages[0]!),
    hostOrigin: normalOrigin(params.get('hostOrigin')),
  };
}

/**
 * The one origin whose commands the widget obeys, or null (then it works standalone and talks to no one).
 * A deployment allowlist wins over what the host declares; the browser's own record of the parent, where it
 * keeps one (`location.ancestorOrigins`), must agree.
 */
export function trustedHostOrigin(
  declared: string | null,
  allowlist: readonly string[],
  ancestorOrigins: readonly string[] | null,
): string | null {
  if (!declared) return null;
  if (allowlist.length > 0 && !allowlist.includes(declared)) return null;
  if (ancestorOrigins && ancestorOrigins.length > 0 && ancestorOrigins[0] !== declared) return null;
  return declared;
}

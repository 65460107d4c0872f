// The one postMessage protocol between an embedding page (host library) and the tutor widget (embed.html).
// Both sides import this file; every message is checked here before anything acts on it.

export const PROTOCOL = 'mathcoder-tutor/embed';
export const PROTOCOL_VERSION = 1;

/** Messages longer than this (as JSON) are dropped unread: a problem is a paragraph, not a book. */
export const MAX_MESSAGE_CHARS = 64 * 1024;
export const MAX_PROBLEM_CHARS = 8_000;
const MAX_ID_CHARS = 64;

export const themes = ['auto', 'light', 'dark'] as const;
export type Theme = (typeof themes)[number];

/** What the widget can do with a problem; only modes the tutor implements are offered in `ready`. */
export const modes = ['solve', 'step', 'check'] as const;
export type Mode = (typeof modes)[number];

export interface EmbedErrorData {
  code: string;
  message: string;
}

// Host → widget.
export type Command =
  | { type: 'solve'; problem: string }
  | { type: 'set-theme'; theme: Theme }
  | { type: 'reset' }
  | { type: 'stats' };
export type CommandType = Command['type'];

export interface CommandMessage {
  protocol: typeof PROTOCOL;
  version: typeof PROTOCOL_VERSION;
  /** Chosen by the host; the reply carries it back. */
  id: string;
  command: Command;
}

export type SolveResult =
  | { status: 'done'; answer: string | null }
  | { status: 'stopped' }
  | { status: 'failed'; error: EmbedErrorData };

/** Messages the widget dropped, by reason; `accepted` counts commands it acted on. */
export interface WidgetStats {
  accepted: number;
  untrusted: number;
  malformed: number;
  oversized: number;
}

export interface CommandResults {
  solve: SolveResult;
  'set-theme': { theme: Theme };
  reset: Record<string, never>;
  stats: WidgetStats;
}

// Widget → host.
export type ProgressStage = 'python' | 'model' | 'solve';
export type WidgetEvent =
  | { type: 'ready'; modes: Mode[]; languages: string[]; theme: Theme }
  | { type: 'progress'; stage: ProgressStage; fraction: number | null; text: string }
  | {
      type: 'block';
      kind: 'text' | 'code' | 'execution';
      text: string;
      /** For execution blocks: whether Python raised or timed out. */
      error?: boolean;
      timedOut?: boolean;
    }
  | { type: 'answer'; problem: string; answer: string }
  | { type: 'error'; error: EmbedErrorData }
  | { type: 'resize'; height: number };
export type WidgetEventType = WidgetEvent['type'];

export type WidgetMessage =
  | {
      protocol: typeof PROTOCOL;
      version: typeof PROTOCOL_VERSION;
      kind: 'event';
      event: WidgetEvent;
    }
  | {
      protocol: typeof PROTOCOL;
      version: typeof PROTOCOL_VERSION;
      kind: 'reply';
      id: string;
      ok: true;
      result: CommandResults[CommandType];
    }
  | {
      protocol: typeof PROTOCOL;
      version: typeof PROTOCOL_VERSION;
      kind: 'reply';
      id: string;
      ok: false;
      error: EmbedErrorData;
    };

/** Why a message was dropped; the widget counts each reason. */
export type Rejection = 'malformed' | 'oversized';
export type Parsed<T> = { ok: true; message: T } | { ok: false; reason: Rejection };

type Json = Record<string, unknown>;

function isRecord(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isString(value: unknown, max: number): value is string {
  return typeof value === 'string' && value.length <= max;
}

function isOneOf<T extends string>(value: unknown, options: readonly T[]): value is T {
  return typeof value === 'string' && (options as readonly string[]).includes(value);
}

function isErrorData(value: unknown): value is EmbedErrorData {
  return isRecord(value) && isString(value.code, 64) && isString(value.message, 4_000);
}

/** Length of the message as JSON, or null when it cannot be serialised (cycles, functions, BigInt). */
function jsonLength(data: unknown): number | null {
  try {
    const text = JSON.stringify(data);
    return typeof text === 'string' ? text.length : null;
  } catch {
    return null;
  }
}

function envelope(data: unknown): Parsed<Json> {
  const length = jsonLength(data);
  if (length === null) return { ok: false, reason: 'malformed' };
  if (length > MAX_MESSAGE_CHARS) return { ok: false, reason: 'oversized' };
  if (!isRecord(data) || data.protocol !== PROTOCOL || data.version !== PROTOCOL_VERSION) {
    return { ok: false, reason: 'malformed' };
  }
  return { ok: true, message: data };
}

function parseCommand(value: unknown): Command | Rejection {
  if (!isRecord(value)) return 'malformed';
  switch (value.type) {
    case 'solve':
      if (typeof value.problem !== 'string' || value.problem.trim() === '') return 'malformed';
      return value.problem.length > MAX_PROBLEM_CHARS
        ? 'oversized'
        : { type: 'solve', problem: value.problem };
    case 'set-theme':
      return isOneOf(value.theme, themes) ? { type: 'set-theme', theme: value.theme } : 'malformed';
    case 'reset':
    case 'stats':
      return { type: value.type };
    default:
      return 'malformed';
  }
}

/** Checks a message a host sent to the widget. Never throws. */
export function parseCommandMessage(data: unknown): Parsed<CommandMessage> {
  const outer = envelope(data);
  if (!outer.ok) return outer;
  const { id } = outer.message;
  if (!isString(id, MAX_ID_CHARS) || id === '') return { ok: false, reason: 'malformed' };
  const command = parseCommand(outer.message.command);
  if (typeof command === 'string') return { ok: false, reason: command };
  return { ok: true, message: { protocol: PROTOCOL, version: PROTOCOL_VERSION, id, command } };
}

function isFraction(value: unknown): value is number | null {
  return value === null || (typeof value === 'number' && value >= 0 && value <= 1);
}

function isEvent(value: unknown): value is WidgetEvent {
  if (!isRecord(value)) return false;
  switch (value.type) {
    case 'ready':
      return (
        Array.isArray(value.modes) &&
        value.modes.every((m) => isOneOf(m, modes)) &&
        Array.isArray(value.languages) &&
        value.languages.every((l) => isString(l, 16)) &&
        isOneOf(value.theme, themes)
      );
    case 'progress':
      return (
        isOneOf(value.stage, ['python', 'model', 'solve'] as const) &&
        isFraction(value.fraction) &&
        isString(value.text, 1_000)
      );
    case 'block':
      return (
        isOneOf(value.kind, ['text', 'code', 'execution'] as const) &&
        isString(value.text, MAX_MESSAGE_CHARS) &&
        (value.error === undefined || typeof value.error === 'boolean') &&
        (value.timedOut === undefined || typeof value.timedOut === 'boolean')
      );
    case 'answer':
      return isString(value.problem, MAX_PROBLEM_CHARS) && isString(value.answer, 4_000);
    case 'error':
      return isErrorData(value.error);
    case 'resize':
      return typeof value.height === 'number' && Number.isFinite(value.height) && value.height >= 0;
    default:
      return false;
  }
}

/** Checks a message the widget sent to its host. Never throws; results are checked loosely (records). */
export function parseWidgetMessage(data: unknown): Parsed<WidgetMessage> {
  const outer = envelope(data);
  if (!outer.ok) return outer;
  const message = outer.message;
  if (message.kind === 'event') {
    return isEvent(message.event)
      ? { ok: true, message: message as WidgetMessage }
      : { ok: false, reason: 'malformed' };
  }
  if (message.kind !== 'reply' || !isString(message.id, MAX_ID_CHARS)) {
    return { ok: false, reason: 'malformed' };
  }
  if (message.ok === true && isRecord(message.result)) {
    return { ok: true, message: message as WidgetMessage };
  }
  if (message.ok === false && isErrorData(message.error)) {
    return { ok: true, message: message as WidgetMessage };
  }
  return { ok: false, reason: 'malformed' };
}

export function commandMessage(id: string, command: Command): CommandMessage {
  return { protocol: PROTOCOL, version: PROTOCOL_VERSION, id, command };
}

export function eventMessage(event: WidgetEvent): WidgetMessage {
  return { protocol: PROTOCOL, version: PROTOCOL_VERSION, kind: 'event', event };
}

export function replyMessage<T extends CommandType>(
  id: string,
  result: CommandResults[T],
): WidgetMessage {
  return { protocol: PROTOCOL, version: PROTOCOL_VERSION, kind: 'reply', id, ok: true, result };
}

export function failureMessage(id: string, error: EmbedErrorData): WidgetMessage {
  return { protocol: PROTOCOL, version: PROTOCOL_VERSION, kind: 'reply', id, ok: false, error };
}

/** An origin as `URL.origin` writes it, or null for anything else ("null", paths, other schemes). */
export function normalOrigin(raw: string | null | undefined): string | null {
  if (!raw) return null;
  try {
    const url = new URL(raw);
    if (url.protocol !== 'https:' && url.protocol !== 'http:') return null;
    return url.origin === raw.replace(/\/$/, '') ? url.origin : null;
  } catch {
    return null;
  }
}

/** A deployment's allowlist ("https://a.example, https://b.example"); empty means "the origin the host declares". */
export function parseAllowlist(raw: string | undefined): string[] {
  return (raw ?? '')
    .split(/[\s,]+/)
    .map((entry) => normalOrigin(entry))
    .filter((origin): origin is string => origin !== null);
}

// The host library (embed.js / embed.mjs): a page calls mount() and gets a typed handle on the tutor widget.
import {
  commandMessage,
  parseWidgetMessage,
  type Command,
  type CommandResults,
  type CommandType,
  type EmbedErrorData,
  type Mode,
  type SolveResult,
  type Theme,
  type WidgetEvent,
  type WidgetEventType,
  type WidgetStats,
} from './protocol';

export type { Mode, SolveResult, Theme, WidgetEvent, WidgetEventType, WidgetStats };

export interface MountOptions {
  /** Address of embed.html; by default the one beside this script. */
  src?: string;
  /** Prefills the problem box. */
  problem?: string;
  /** A model id from the tutor's catalog to preselect (it is downloaded only when the reader clicks). */
  model?: string;
  mode?: Mode;
  theme?: Theme;
  /** Language of the widget's interface, where the tutor has it. */
  lang?: string;
  /** A saved solution to play back; it must be on the widget's own site. */
  playback?: string;
  /** The earlier name of `playback`, still read. */
  replay?: string;
  /** The iframe's accessible name. */
  title?: string;
  /** Bounds for the iframe's height in CSS pixels, which otherwise follows the widget's content. */
  minHeight?: number;
  maxHeight?: number;
}

export type ReadyEvent = Extract<WidgetEvent, { type: 'ready' }>;
type EventOf<T extends WidgetEventType> = Extract<WidgetEvent, { type: T }>;

export interface TutorWidget {
  readonly iframe: HTMLIFrameElement;
  /** Settles when the widget has answered the handshake. */
  readonly ready: Promise<ReadyEvent>;
  solve(problem: string): Promise<SolveResult>;
  setTheme(theme: Theme): Promise<void>;
  reset(): Promise<void>;
  /** How many messages the widget accepted, and how many it dropped and why. */
  stats(): Promise<WidgetStats>;
  on<T extends WidgetEventType>(type: T, listener: (event: EventOf<T>) => void): () => void;
  /** Removes the iframe; pending calls reject with code `destroyed`. */
  destroy(): void;
}

/** A failure reported by the widget or by the library, always with a `code`. */
export class EmbedError extends Error {
  readonly code: string;
  constructor({ code, message }: EmbedErrorData) {
    super(message);
    this.name = 'EmbedError';
    this.code = code;
  }
}

const READY_TIMEOUT_MS = 60_000;

/** embed.html beside this script, found while the script runs (document.currentScript is null afterwards). */
function besideThisScript(): string | null {
  try {
    const current = typeof document !== 'undefined' ? document.currentScript : null;
    const base =
      current instanceof HTMLScriptElement && current.src ? current.src : import.meta.url;
    return new URL('embed.html', base).href;
  } catch {
    return null;
  }
}
const defaultSrc = besideThisScript();

function widgetUrl(options: MountOptions): URL {
  const src = options.src ?? defaultSrc;
  if (!src) throw new EmbedError({ code: 'no-src', message: 'mount() needs options.src here.' });
  const url = new URL(src, document.baseURI);
  const params: Record<string, string | undefined> = {
    problem: options.problem,
    model: options.model,
    mode: options.mode,
    theme: options.theme,
    lang: options.lang,
    playback: options.playback ?? options.replay,
  };
  for (const [key, value] of Object.entries(params)) {
    if (value) url.searchParams.set(key, value);
  }
  url.searchParams.set('hostOrigin', window.location.origin);
  return url;
}

export function mount(element: HTMLElement, options: MountOptions = {}): TutorWidget {
  const url = widgetUrl(options);
  const widgetOrigin = url.origin;
  const iframe = document.createElement('iframe');
  iframe.src = url.href;
  iframe.title = options.title ?? 'MathCoder Tutor';
  // Lets the sandbox interrupt Python in place when the host page is itself cross-origin isolated.
  iframe.allow = 'cross-origin-isolated';
  iframe.style.cssText = 'display:block;width:100%;border:0;';
  const minHeight = options.minHeight ?? 240;
  const maxHeight = options.maxHeight ?? Infinity;
  iframe.style.height = `${minHeight}px`;

  const listeners = new Map<WidgetEventType, Set<(event: WidgetEvent) => void>>();
  const pending = new Map<
    string,
    { resolve(value: unknown): void; reject(error: EmbedError): void }
  >();
  let nextId = 0;
  let destroyed = false;
  let markReady: (event: ReadyEvent) => void = () => {};
  let failReady: (error: EmbedError) => void = () => {};
  const ready = new Promise<ReadyEvent>((resolve, reject) => {
    markReady = resolve;
    failReady = reject;
  });
  // A page that never awaits `ready` should not see an unhandled rejection.
  ready.catch(() => {});
  const readyTimer = setTimeout(
    () =>
      failReady(new EmbedError({ code: 'timeout', message: `No answer from ${widgetOrigin}.` })),
    READY_TIMEOUT_MS,
  );

  function dispatch(event: WidgetEvent) {
    if (event.type === 'resize') {
      const height = Math.min(maxHeight, Math.max(minHeight, event.height));
      iframe.style.height = `${height}px`;
    }
    if (event.type === 'ready') {
      clearTimeout(readyTimer);
      markReady(event);
    }
    for (const listener of listeners.get(event.type) ?? []) {
      try {
        listener(event);
      } catch (error) {
        // One page listener's bug must not stop the others or the library.
        setTimeout(() => {
          throw error;
        });
      }
    }
  }

  function onMessage(event: MessageEvent) {
    // Only the widget in this iframe, from the origin it was loaded from, is listened to.
    if (event.source !== iframe.contentWindow || event.origin !== widgetOrigin) return;
    const parsed = parseWidgetMessage(event.data);
    if (!parsed.ok) return;
    const message = parsed.message;
    if (message.kind === 'event') return dispatch(message.event);
    const call = pending.get(message.id);
    if (!call) return;
    pending.delete(message.id);
    if (message.ok) call.resolve(message.result);
    else call.reject(new EmbedError(message.error));
  }

  async function request<T extends CommandType>(command: Command & { type: T }) {
    if (destroyed) throw new EmbedError({ code: 'destroyed', message: 'The widget was removed.' });
    await ready;
    const id = `${++nextId}`;
    return new Promise<CommandResults[T]>((resolve, reject) => {
      pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
      iframe.contentWindow?.postMessage(commandMessage(id, command), widgetOrigin);
    });
  }

  window.addEventListener('message', onMessage);
  element.appendChild(iframe);

  return {
    iframe,
    ready,
    solve: (problem) => request({ type: 'solve', problem }),
    setTheme: async (theme) => {
      await request({ type: 'set-theme', theme });
    },
    reset: async () => {
      await request({ type: 'reset' });
    },
    stats: () => request({ type: 'stats' }),
    on(type, listener) {
      const set = listeners.get(type) ?? new Set();
      listeners.set(type, set);
      const wrapped = listener as (event: WidgetEvent) => void;
      set.add(wrapped);
      return () => set.delete(wrapped);
    },
    destroy() {
      if (destroyed) return;
      destroyed = true;
      clearTimeout(readyTimer);
      window.removeEventListener('message', onMessage);
      iframe.remove();
      const gone = new EmbedError({ code: 'destroyed', message: 'The widget was removed.' });
      failReady(gone);
      for (const call of pending.values()) call.reject(gone);
      pending.clear();
    },
  };
}

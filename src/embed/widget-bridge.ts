import {
  eventMessage,
  failureMessage,
  parseCommandMessage,
  replyMessage,
  type Command,
  type CommandResults,
  type CommandType,
  type EmbedErrorData,
  type WidgetEvent,
  type WidgetMessage,
  type WidgetStats,
} from './protocol';

export type CommandHandlers = {
  [T in CommandType]: (
    command: Extract<Command, { type: T }>,
  ) => Promise<CommandResults[T]> | CommandResults[T];
};

export interface WidgetBridge {
  emit(event: WidgetEvent): void;
  stats(): WidgetStats;
  dispose(): void;
}

/** A handler's refusal, sent back to the host as `{ code, message }`. */
export class CommandError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

function toErrorData(error: unknown): EmbedErrorData {
  if (error instanceof CommandError) return { code: error.code, message: error.message };
  return { code: 'internal', message: error instanceof Error ? error.message : String(error) };
}

/**
 * Listens for host commands on `self`. Only messages from `parent` at `hostOrigin` are read; everything else is
 * counted and dropped, never thrown. Replies and events go to `hostOrigin` only, never to "*".
 */
export function createWidgetBridge(options: {
  self: Window;
  parent: Window;
  hostOrigin: string;
  handlers: CommandHandlers;
}): WidgetBridge {
  const { self, parent, hostOrigin, handlers } = options;
  const stats: WidgetStats = { accepted: 0, untrusted: 0, malformed: 0, oversized: 0 };

  const post = (message: WidgetMessage) => parent.postMessage(message, hostOrigin);

  async function run(id: string, command: Command) {
    try {
      const handler = handlers[command.type] as (c: Command) => unknown;
      const result = (await handler(command)) as CommandResults[CommandType];
      post(replyMessage(id, result));
    } catch (error) {
      post(failureMessage(id, toErrorData(error)));
    }
  }

  function onMessage(event: MessageEvent) {
    if (event.origin !== hostOrigin || event.source !== parent) {
      stats.untrusted++;
      return;
    }
    let parsed: ReturnType<typeof parseCommandMessage>;
    try {
      parsed = parseCommandMessage(event.data);
    } catch {
      parsed = { ok: false, reason: 'malformed' };
    }
    if (!parsed.ok) {
      stats[parsed.reason]++;
      return;
    }
    stats.accepted++;
    void run(parsed.message.id, parsed.message.command);
  }

  self.addEventListener('message', onMessage);
  return {
    emit: (event) => post(eventMessage(event)),
    stats: () => ({ ...stats }),
    dispose: () => self.removeEventListener('message', onMessage),
  };
}

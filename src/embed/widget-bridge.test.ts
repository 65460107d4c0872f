import { describe, expect, it, vi } from 'vitest';
import { commandMessage, PROTOCOL, PROTOCOL_VERSION, type WidgetMessage } from './protocol';
import { CommandError, createWidgetBridge, type CommandHandlers } from './widget-bridge';

const HOST = 'https://school.example';

function setup(overrides: Partial<CommandHandlers> = {}) {
  const self = new EventTarget() as unknown as Window;
  const sent: Array<{ message: WidgetMessage; target: string }> = [];
  const parent = {
    postMessage: (message: WidgetMessage, target: string) => sent.push({ message, target }),
  } as unknown as Window;
  const handlers: CommandHandlers = {
    solve: vi.fn(async () => ({ status: 'done' as const, answer: '13' })),
    'set-theme': vi.fn(({ theme }) => ({ theme })),
    reset: vi.fn(() => ({})),
    stats: () => bridge.stats(),
    ...overrides,
  };
  const bridge = createWidgetBridge({ self, parent, hostOrigin: HOST, handlers });
  const deliver = (data: unknown, origin = HOST, source: unknown = parent) =>
    // Node's MessageEvent only takes MessagePorts as a source, so the fields are set on a plain event.
    self.dispatchEvent(Object.assign(new Event('message'), { data, origin, source }));
  const settle = () => new Promise((resolve) => setTimeout(resolve, 0));
  return { bridge, sent, handlers, deliver, settle };
}

describe('createWidgetBridge', () => {
  it('runs a trusted command and replies to the host origin only', async () => {
    const { sent, handlers, deliver, settle } = setup();
    deliver(commandMessage('1', { type: 'solve', problem: 'x^2 = 4' }));
    await settle();
    expect(handlers.solve).toHaveBeenCalledWith({ type: 'solve', problem: 'x^2 = 4' });
    expect(sent).toEqual([
      {
        target: HOST,
        message: {
          protocol: PROTOCOL,
          version: PROTOCOL_VERSION,
          kind: 'reply',
          id: '1',
          ok: true,
          result: { status: 'done', answer: '13' },
        },
      },
    ]);
  });

  it('ignores and counts commands from other origins or other windows', async () => {
    const { bridge, sent, handlers, deliver, settle } = setup();
    deliver(commandMessage('1', { type: 'reset' }), 'https://evil.example');
    deliver(commandMessage('2', { type: 'reset' }), HOST, {});
    deliver(commandMessage('3', { type: 'reset' }), 'null');
    await settle();
    expect(handlers.reset).not.toHaveBeenCalled();
    expect(sent).toEqual([]);
    expect(bridge.stats()).toEqual({ accepted: 0, untrusted: 3, malformed: 0, oversized: 0 });
  });

  it('counts malformed and oversized messages without replying or throwing', async () => {
    const { bridge, sent, deliver, settle } = setup();
    expect(() => {
      deliver('hello');
      deliver({ protocol: PROTOCOL });
      deliver(commandMessage('1', { type: 'solve', problem: 'x'.repeat(9_000) }));
    }).not.toThrow();
    await settle();
    expect(sent).toEqual([]);
    expect(bridge.stats()).toEqual({ accepted: 0, untrusted: 0, malformed: 2, oversized: 1 });
  });

  it('sends a handler failure as { code, message } data', async () => {
    const { sent, deliver, settle } = setup({
      solve: () => Promise.reject(new CommandError('busy', 'Already solving')),
      reset: () => {
        throw new TypeError('broken');
      },
    });
    deliver(commandMessage('1', { type: 'solve', problem: '1+1' }));
    deliver(commandMessage('2', { type: 'reset' }));
    await settle();
    const replies = sent
      .map((s) => s.message as { id: string })
      .sort((a, b) => (a.id < b.id ? -1 : 1));
    expect(replies).toEqual([
      expect.objectContaining({
        id: '1',
        ok: false,
        error: { code: 'busy', message: 'Already solving' },
      }),
      expect.objectContaining({
        id: '2',
        ok: false,
        error: { code: 'internal', message: 'broken' },
      }),
    ]);
  });

  it('emits events to the host origin and stops listening once disposed', async () => {
    const { bridge, sent, handlers, deliver, settle } = setup();
    bridge.emit({ type: 'resize', height: 300 });
    expect(sent).toEqual([
      {
        target: HOST,
        message: {
          protocol: PROTOCOL,
          version: PROTOCOL_VERSION,
          kind: 'event',
          event: { type: 'resize', height: 300 },
        },
      },
    ]);
    bridge.dispose();
    deliver(commandMessage('1', { type: 'reset' }));
    await settle();
    expect(handlers.reset).not.toHaveBeenCalled();
  });
});

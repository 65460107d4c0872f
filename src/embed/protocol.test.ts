import { describe, expect, it } from 'vitest';
import {
  MAX_MESSAGE_CHARS,
  MAX_PROBLEM_CHARS,
  PROTOCOL,
  PROTOCOL_VERSION,
  commandMessage,
  eventMessage,
  failureMessage,
  normalOrigin,
  parseAllowlist,
  parseCommandMessage,
  parseWidgetMessage,
  replyMessage,
} from './protocol';

const envelope = { protocol: PROTOCOL, version: PROTOCOL_VERSION, id: '7' };

describe('parseCommandMessage', () => {
  it('accepts each command the library sends', () => {
    for (const command of [
      { type: 'solve', problem: 'What is 2 + 2?' },
      { type: 'set-theme', theme: 'dark' },
      { type: 'reset' },
      { type: 'stats' },
    ] as const) {
      expect(parseCommandMessage(commandMessage('7', command))).toEqual({
        ok: true,
        message: { ...envelope, command },
      });
    }
  });

  it('drops extra fields instead of passing them on', () => {
    const parsed = parseCommandMessage({
      ...envelope,
      command: { type: 'reset', evil: '<img onerror>' },
      extra: 1,
    });
    expect(parsed).toEqual({ ok: true, message: { ...envelope, command: { type: 'reset' } } });
  });

  it.each([
    ['a string', 'solve 2+2'],
    ['null', null],
    ['an array', [1, 2]],
    ['a number', 42],
    ['another protocol', { ...envelope, protocol: 'other', command: { type: 'reset' } }],
    ['another version', { ...envelope, version: 2, command: { type: 'reset' } }],
    ['no id', { protocol: PROTOCOL, version: PROTOCOL_VERSION, command: { type: 'reset' } }],
    ['an empty id', { ...envelope, id: '', command: { type: 'reset' } }],
    ['a numeric id', { ...envelope, id: 7, command: { type: 'reset' } }],
    ['an unknown command', { ...envelope, command: { type: 'eval', code: 'alert(1)' } }],
    ['no command', envelope],
    ['a solve without a problem', { ...envelope, command: { type: 'solve' } }],
    ['a blank problem', { ...envelope, command: { type: 'solve', problem: '  ' } }],
    ['a problem that is not text', { ...envelope, command: { type: 'solve', problem: { x: 1 } } }],
    ['an unknown theme', { ...envelope, command: { type: 'set-theme', theme: 'neon' } }],
  ])('counts %s as malformed', (_, data) => {
    expect(parseCommandMessage(data)).toEqual({ ok: false, reason: 'malformed' });
  });

  it('counts what cannot be serialised as malformed, without throwing', () => {
    const cyclic: Record<string, unknown> = { ...envelope };
    cyclic.command = cyclic;
    expect(parseCommandMessage(cyclic)).toEqual({ ok: false, reason: 'malformed' });
    expect(parseCommandMessage({ ...envelope, command: { type: 'reset', n: 1n } })).toEqual({
      ok: false,
      reason: 'malformed',
    });
    const hostile = {
      get protocol(): string {
        throw new Error('getter');
      },
    };
    expect(parseCommandMessage(hostile)).toEqual({ ok: false, reason: 'malformed' });
  });

  it('counts long problems and huge messages as oversized', () => {
    const long = 'x'.repeat(MAX_PROBLEM_CHARS + 1);
    expect(parseCommandMessage(commandMessage('1', { type: 'solve', problem: long }))).toEqual({
      ok: false,
      reason: 'oversized',
    });
    const huge = { ...envelope, command: { type: 'reset' }, pad: 'x'.repeat(MAX_MESSAGE_CHARS) };
    expect(parseCommandMessage(huge)).toEqual({ ok: false, reason: 'oversized' });
    const exact = 'x'.repeat(MAX_PROBLEM_CHARS);
    expect(parseCommandMessage(commandMessage('1', { type: 'solve', problem: exact })).ok).toBe(
      true,
    );
  });
});

describe('parseWidgetMessage', () => {
  it('accepts events, replies and failures the widget sends', () => {
    for (const message of [
      eventMessage({ type: 'ready', modes: ['solve'], languages: ['en'], theme: 'auto' }),
      eventMessage({ type: 'progress', stage: 'python', fraction: null, text: 'Loading sympy' }),
      eventMessage({ type: 'block', kind: 'execution', text: '13', error: false, timedOut: false }),
      eventMessage({ type: 'answer', problem: 'p', answer: '13' }),
      eventMessage({ type: 'error', error: { code: 'model-not-loaded', message: 'Load one' } }),
      eventMessage({ type: 'resize', height: 480 }),
      replyMessage<'solve'>('3', { status: 'done', answer: '13' }),
      failureMessage('4', { code: 'busy', message: 'Already solving' }),
    ]) {
      expect(parseWidgetMessage(message)).toEqual({ ok: true, message });
    }
  });

  it.each([
    ['an unknown event', eventMessage({ type: 'resize', height: 1 }), { type: 'navigate' }],
    [
      'a negative height',
      eventMessage({ type: 'resize', height: 1 }),
      { type: 'resize', height: -5 },
    ],
    ['a NaN height', eventMessage({ type: 'resize', height: 1 }), { type: 'resize', height: NaN }],
    [
      'a fraction above one',
      eventMessage({ type: 'resize', height: 1 }),
      { type: 'progress', stage: 'model', fraction: 3, text: '' },
    ],
    [
      'an error without a code',
      eventMessage({ type: 'resize', height: 1 }),
      { type: 'error', error: { message: 'x' } },
    ],
  ])('rejects %s', (_, base, event) => {
    expect(parseWidgetMessage({ ...base, event })).toEqual({ ok: false, reason: 'malformed' });
  });

  it('rejects replies without an id or a result', () => {
    const reply = { protocol: PROTOCOL, version: PROTOCOL_VERSION, kind: 'reply' };
    expect(parseWidgetMessage({ ...reply, ok: true, result: {} }).ok).toBe(false);
    expect(parseWidgetMessage({ ...reply, id: '1', ok: true }).ok).toBe(false);
    expect(parseWidgetMessage({ ...reply, id: '1', ok: false, error: 'boom' }).ok).toBe(false);
    expect(parseWidgetMessage({ ...reply, id: '1', ok: 'yes', result: {} }).ok).toBe(false);
  });
});

describe('origins', () => {
  it('normalises only plain http(s) origins', () => {
    expect(normalOrigin('https://school.example')).toBe('https://school.example');
    expect(normalOrigin('https://school.example/')).toBe('https://school.example');
    expect(normalOrigin('http://localhost:4173')).toBe('http://localhost:4173');
    for (const bad of [
      null,
      '',
      'null',
      '*',
      'school.example',
      'https://a.example/page',
      'javascript:alert(1)',
      'file:///x',
    ]) {
      expect(normalOrigin(bad)).toBeNull();
    }
  });

  it('reads an allowlist and skips what is not an origin', () => {
    expect(parseAllowlist('https://a.example, https://b.example:8443  *  junk')).toEqual([
      'https://a.example',
      'https://b.example:8443',
    ]);
    expect(parseAllowlist(undefined)).toEqual([]);
  });
});

// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { EmbedError, mount } from './host';
import { eventMessage, failureMessage, replyMessage, type CommandMessage } from './protocol';

const WIDGET = 'https://tutor.example';

function setup(options = {}) {
  const element = document.createElement('div');
  document.body.append(element);
  const widget = mount(element, { src: `${WIDGET}/embed.html`, ...options });
  const frame = widget.iframe.contentWindow!;
  const posted: Array<{ message: CommandMessage; target: string }> = [];
  vi.spyOn(frame, 'postMessage').mockImplementation(((message: CommandMessage, target: string) =>
    posted.push({ message, target })) as typeof frame.postMessage);
  const deliver = (data: unknown, origin = WIDGET, source: Window | null = frame) =>
    window.dispatchEvent(new MessageEvent('message', { data, origin, source }));
  const ready = () =>
    deliver(eventMessage({ type: 'ready', modes: ['solve'], languages: ['en'], theme: 'auto' }));
  const tick = () => new Promise((resolve) => setTimeout(resolve, 0));
  return { element, widget, posted, deliver, ready, tick };
}

afterEach(() => {
  document.body.innerHTML = '';
});

describe('mount', () => {
  it('creates a named iframe whose address carries the options and this page’s origin', () => {
    const { widget } = setup({ problem: '2 + 2?', theme: 'dark', playback: '/x.json' });
    const url = new URL(widget.iframe.src);
    expect(url.origin + url.pathname).toBe(`${WIDGET}/embed.html`);
    expect(Object.fromEntries(url.searchParams)).toEqual({
      problem: '2 + 2?',
      theme: 'dark',
      playback: '/x.json',
      hostOrigin: window.location.origin,
    });
    expect(widget.iframe.title).toBe('MathCoder Tutor');
    expect(widget.iframe.allow).toBe('cross-origin-isolated');
  });

  it('sends `replay`, the earlier name of `playback`, as `playback`', () => {
    const { widget } = setup({ replay: '/x.json' });
    expect(new URL(widget.iframe.src).searchParams.get('playback')).toBe('/x.json');
  });

  it('listens only to its own iframe at the widget’s origin', async () => {
    const { widget, deliver, ready, tick } = setup();
    const seen = vi.fn();
    widget.on('ready', seen);
    const handshake = eventMessage({ type: 'ready', modes: [], languages: [], theme: 'auto' });
    deliver(handshake, 'https://evil.example');
    deliver(handshake, WIDGET, window);
    deliver('junk');
    await tick();
    expect(seen).not.toHaveBeenCalled();
    ready();
    await expect(widget.ready).resolves.toMatchObject({ type: 'ready' });
    expect(seen).toHaveBeenCalledTimes(1);
  });

  it('sizes the iframe to the widget’s content within the given bounds', () => {
    const { widget, deliver } = setup({ minHeight: 200, maxHeight: 900 });
    expect(widget.iframe.style.height).toBe('200px');
    deliver(eventMessage({ type: 'resize', height: 640 }));
    expect(widget.iframe.style.height).toBe('640px');
    deliver(eventMessage({ type: 'resize', height: 5000 }));
    expect(widget.iframe.style.height).toBe('900px');
    deliver(eventMessage({ type: 'resize', height: 10 }));
    expect(widget.iframe.style.height).toBe('200px');
  });

  it('sends commands after the handshake, to the widget’s origin only, and matches replies by id', async () => {
    const { widget, posted, deliver, ready, tick } = setup();
    const solving = widget.solve('x^2 = 4');
    const theming = widget.setTheme('dark');
    await tick();
    expect(posted).toEqual([]);
    ready();
    await tick();
    expect(posted.map((p) => [p.target, p.message.command.type])).toEqual([
      [WIDGET, 'solve'],
      [WIDGET, 'set-theme'],
    ]);
    const [solveId, themeId] = posted.map((p) => p.message.id);
    deliver(failureMessage(themeId!, { code: 'busy', message: 'Busy' }));
    deliver(replyMessage<'solve'>(solveId!, { status: 'done', answer: '2' }));
    await expect(solving).resolves.toEqual({ status: 'done', answer: '2' });
    await expect(theming).rejects.toMatchObject({ name: 'EmbedError', code: 'busy' });
  });

  it('rejects pending calls once destroyed and removes the iframe', async () => {
    const { element, widget, ready, tick } = setup();
    ready();
    await tick();
    const pending = widget.stats();
    await tick();
    widget.destroy();
    await expect(pending).rejects.toBeInstanceOf(EmbedError);
    await expect(widget.reset()).rejects.toMatchObject({ code: 'destroyed' });
    expect(element.querySelector('iframe')).toBeNull();
  });

  it('keeps other listeners running when one throws', () => {
    vi.useFakeTimers();
    try {
      const { widget, deliver } = setup();
      const second = vi.fn();
      widget.on('resize', () => {
        throw new Error('page bug');
      });
      widget.on('resize', second);
      deliver(eventMessage({ type: 'resize', height: 300 }));
      expect(second).toHaveBeenCalledTimes(1);
      expect(() => vi.runAllTimers()).toThrow('page bug');
    } finally {
      vi.useRealTimers();
    }
  });
});

// @vitest-environment jsdom
import { act, cleanup, render } from '@testing-library/react';
import { useRef } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { useFollowScroll } from './use-follow-scroll.ts';

const VIEWPORT = 200;
let frames: FrameRequestCallback[] = [];
let contentHeight = 1000;
/** Page content after the followed element (other panels), which following must not scroll to. */
let after = 0;

function Feed({ lines, active }: { lines: number; active: boolean }) {
  const ref = useRef<HTMLDivElement>(null);
  useFollowScroll(ref, lines, active);
  return (
    <div data-testid="scroller" style={{ overflowY: 'auto' }}>
      <div ref={ref}>{lines}</div>
    </div>
  );
}

function scroller(container: HTMLElement): HTMLElement {
  const element = container.querySelector<HTMLElement>('[data-testid="scroller"]');
  if (!element) throw new Error('no scroller');
  Object.defineProperty(element, 'scrollHeight', { configurable: true, get: () => contentHeight });
  Object.defineProperty(element, 'clientHeight', { configurable: true, get: () => VIEWPORT });
  const rect = (top: number, bottom: number) => ({ top, bottom }) as DOMRect;
  element.getBoundingClientRect = () => rect(0, VIEWPORT);
  const followed = element.firstElementChild as HTMLElement;
  followed.getBoundingClientRect = () =>
    rect(-element.scrollTop, contentHeight - after - element.scrollTop);
  return element;
}

function runFrames() {
  const pending = frames;
  frames = [];
  for (const callback of pending) callback(0);
}

function userScrollsTo(element: HTMLElement, top: number) {
  act(() => {
    element.scrollTop = top;
    element.dispatchEvent(new Event('scroll'));
  });
}

beforeEach(() => {
  frames = [];
  contentHeight = 1000;
  after = 0;
  vi.stubGlobal('requestAnimationFrame', (callback: FrameRequestCallback) => frames.push(callback));
  vi.stubGlobal('cancelAnimationFrame', () => {});
});

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('useFollowScroll', () => {
  it('keeps the newest output in view, in one frame per batch of tokens', () => {
    const { container, rerender } = render(<Feed lines={1} active={true} />);
    const element = scroller(container);
    contentHeight = 1400;
    rerender(<Feed lines={2} active={true} />);
    rerender(<Feed lines={3} active={true} />);
    expect(frames).toHaveLength(1);
    runFrames();
    expect(element.scrollTop).toBe(1400 - VIEWPORT);
  });

  it('stops following when the user scrolls up and resumes at the bottom', () => {
    const { container, rerender } = render(<Feed lines={1} active={true} />);
    const element = scroller(container);
    runFrames();
    expect(element.scrollTop).toBe(1000 - VIEWPORT);

    userScrollsTo(element, 300);
    contentHeight = 1500;
    rerender(<Feed lines={2} active={true} />);
    runFrames();
    expect(element.scrollTop).toBe(300);

    userScrollsTo(element, 1500 - VIEWPORT - 10);
    contentHeight = 1800;
    rerender(<Feed lines={3} active={true} />);
    runFrames();
    expect(element.scrollTop).toBe(1800 - VIEWPORT);
  });

  it('follows the end of the trace, not of the panels after it', () => {
    after = 600;
    const { container, rerender } = render(<Feed lines={1} active={true} />);
    const element = scroller(container);
    runFrames();
    expect(element.scrollTop).toBe(1000 - after - VIEWPORT);
    contentHeight = 1300;
    rerender(<Feed lines={2} active={true} />);
    runFrames();
    expect(element.scrollTop).toBe(1300 - after - VIEWPORT);
  });

  it('leaves the page where it is while the trace fits above the fold', () => {
    contentHeight = 150;
    const { container, rerender } = render(<Feed lines={1} active={true} />);
    const element = scroller(container);
    rerender(<Feed lines={2} active={true} />);
    runFrames();
    expect(element.scrollTop).toBe(0);
  });

  it('does not move a finished trace', () => {
    const { container, rerender } = render(<Feed lines={1} active={false} />);
    const element = scroller(container);
    rerender(<Feed lines={2} active={false} />);
    runFrames();
    expect(element.scrollTop).toBe(0);
  });
});

// @vitest-environment jsdom
import { act, cleanup, render } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createStore } from 'zustand/vanilla';
import { MAX_FRAME_WAIT_MS, MIN_RENDER_INTERVAL_MS, useFrameStore } from './use-frame-store.ts';

let frames: FrameRequestCallback[] = [];
const runFrame = (now: number) => {
  const pending = frames;
  frames = [];
  act(() => pending.forEach((callback) => callback(now)));
};

beforeEach(() => {
  frames = [];
  vi.useFakeTimers();
  vi.stubGlobal('requestAnimationFrame', (callback: FrameRequestCallback) => frames.push(callback));
  vi.stubGlobal('cancelAnimationFrame', () => {});
});

afterEach(() => {
  cleanup();
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

/** A view of one text field, recording every render. */
function renderText() {
  const store = createStore<{ text: string }>()(() => ({ text: '' }));
  const renders: string[] = [];
  function View() {
    const text = useFrameStore(store, (s) => s.text);
    renders.push(text);
    return <p>{text}</p>;
  }
  const { container } = render(<View />);
  return { store, renders, container };
}

describe('useFrameStore', () => {
  it('renders once per frame however often the store changes, and no more often than the interval', () => {
    const { store, renders, container } = renderText();
    expect(renders).toEqual(['']);

    for (const token of ['a', 'b', 'c']) store.setState((s) => ({ text: s.text + token }));
    expect(frames).toHaveLength(1);
    runFrame(performance.now());
    expect(renders).toEqual(['', 'abc']);
    expect(container.textContent).toBe('abc');

    // Within the interval the next render waits on a timer, not on frames.
    store.setState({ text: 'abcd' });
    expect(frames).toHaveLength(0);
    act(() => vi.advanceTimersByTime(MIN_RENDER_INTERVAL_MS));
    expect(frames).toHaveLength(1);
    runFrame(performance.now());
    expect(renders).toEqual(['', 'abc', 'abcd']);
  });

  it('renders on a timer when the browser holds frames back, and once only when the frame comes late', () => {
    const { store, renders, container } = renderText();
    store.setState({ text: 'Done' });
    act(() => vi.advanceTimersByTime(MAX_FRAME_WAIT_MS - 1));
    expect(renders).toEqual(['']);
    act(() => vi.advanceTimersByTime(1));
    expect(container.textContent).toBe('Done');
    runFrame(performance.now());
    expect(renders).toEqual(['', 'Done']);
  });
});

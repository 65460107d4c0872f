// @vitest-environment jsdom
import { act, cleanup, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { SolveStatus } from './SolveStatus';
import { useTraceStore } from './state/trace-store';

beforeEach(() => {
  // No frame ever runs: what shows must not wait for one.
  vi.stubGlobal('requestAnimationFrame', () => 0);
  vi.stubGlobal('cancelAnimationFrame', () => {});
});

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

it("shows a new solve at once, never the last solve's outcome", () => {
  act(() => useTraceStore.getState().finish({ status: 'finished', answer: '42' }));
  render(<SolveStatus />);
  const status = screen.getByRole('status', { name: 'Solve status' });
  expect(status.textContent).toBe('Done.');
  act(() => useTraceStore.getState().start());
  expect(status.textContent).toBe('Solving…');
  act(() => useTraceStore.getState().finish({ status: 'stopped' }));
  expect(status.textContent).toBe('Stopped.');
});

it('shows the writing speed while the model writes, and none once it ends', () => {
  vi.useFakeTimers();
  try {
    act(() => useTraceStore.getState().start());
    render(<SolveStatus />);
    expect(screen.queryByLabelText('Writing speed')).toBeNull();
    const store = useTraceStore.getState();
    act(() => store.applyEvent({ type: 'block-start', id: 'b1', kind: 'text' }));
    // Four pieces half a second apart: 2 tokens/s.
    for (let i = 0; i < 4; i++) {
      act(() => store.applyEvent({ type: 'block-delta', id: 'b1', text: ' x' }));
      act(() => vi.advanceTimersByTime(500));
    }
    act(() => vi.advanceTimersByTime(1000));
    expect(screen.getByLabelText('Writing speed').textContent).toBe('writing at 2.0 tokens/s');
    expect(screen.getByRole('status', { name: 'Solve status' }).textContent).toBe('Solving…');
    act(() => store.finish({ status: 'finished', answer: '2' }));
    expect(screen.queryByLabelText('Writing speed')).toBeNull();
  } finally {
    vi.useRealTimers();
  }
});

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

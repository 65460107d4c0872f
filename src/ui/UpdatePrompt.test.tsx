// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { useTraceStore } from './state/trace-store';
import { useUpdateStore } from './state/update-store';
import { UpdateIntentsContext } from './update-intents';
import { UpdatePrompt } from './UpdatePrompt';

function renderPrompt() {
  const intents = { updateApp: vi.fn() };
  render(
    <UpdateIntentsContext value={intents}>
      <UpdatePrompt />
    </UpdateIntentsContext>,
  );
  return intents;
}

beforeEach(() => {
  useUpdateStore.setState({ update: 'none' });
  useTraceStore.setState({ status: 'idle' });
});
afterEach(cleanup);

describe('UpdatePrompt', () => {
  it('shows nothing until a new version waits', () => {
    renderPrompt();
    expect(screen.queryByRole('region', { name: 'Update' })).toBeNull();
  });

  it('offers the new version and sends the intent', () => {
    useUpdateStore.setState({ update: 'available' });
    const intents = renderPrompt();
    expect(screen.getByRole('status').textContent).toMatch(/^Update available/);
    fireEvent.click(screen.getByRole('button', { name: 'Update' }));
    expect(intents.updateApp).toHaveBeenCalledOnce();
  });

  it('cannot be accepted while a solve is running, and says when it can', () => {
    useUpdateStore.setState({ update: 'available' });
    useTraceStore.setState({ status: 'solving' });
    const intents = renderPrompt();
    const button = screen.getByRole('button', { name: 'Update' }) as HTMLButtonElement;
    expect(button.disabled).toBe(true);
    expect(screen.getByText('You can update once the solve finishes.')).toBeTruthy();
    act(() => useTraceStore.setState({ status: 'done' }));
    expect(button.disabled).toBe(false);
    fireEvent.click(button);
    expect(intents.updateApp).toHaveBeenCalledOnce();
  });

  it('offers a reload when another tab took the update, and can be put off', () => {
    useUpdateStore.setState({ update: 'elsewhere' });
    renderPrompt();
    expect(screen.getByRole('button', { name: 'Reload' })).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Later' }));
    expect(screen.queryByRole('region', { name: 'Update' })).toBeNull();
  });
});

// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { HistoryIntentsContext, type HistoryIntents } from './history/history-intents';
import { PanelBoundary } from './PanelBoundary';

const fault = { on: true };

function Faulty() {
  if (fault.on) throw new RangeError('Invalid time value');
  return <p>Saved problems</p>;
}

function renderPage(intents: HistoryIntents | null) {
  render(
    <HistoryIntentsContext value={intents}>
      <PanelBoundary name="The problem box">
        <textarea aria-label="Problem" />
      </PanelBoundary>
      <PanelBoundary name="The history">
        <Faulty />
      </PanelBoundary>
    </HistoryIntentsContext>,
  );
}

describe('PanelBoundary', () => {
  afterEach(() => {
    cleanup();
    vi.restoreAllMocks();
    fault.on = true;
  });

  it('keeps a fault to its panel, says so, and offers Clear history, which then shows the panel again', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    let cleared!: () => void;
    const intents: HistoryIntents = {
      open: vi.fn(),
      remove: vi.fn(),
      clear: vi.fn(() => new Promise<void>((resolve) => (cleared = resolve))),
    };
    renderPage(intents);
    expect(screen.getByRole('textbox', { name: 'Problem' })).toBeTruthy();
    const alert = screen.getByRole('alert');
    expect(alert.textContent).toContain('The history could not be shown.');
    expect(alert.textContent).toContain('Invalid time value');

    fireEvent.click(within(alert).getByRole('button', { name: 'Clear history' }));
    const confirm = within(alert).getByRole('group', { name: 'Confirm clearing the history' });
    expect(confirm.textContent).toContain('Delete every saved problem?');
    fireEvent.click(within(confirm).getByRole('button', { name: 'Delete all' }));
    expect(intents.clear).toHaveBeenCalledOnce();
    fault.on = false;
    cleared();
    expect(await screen.findByText('Saved problems')).toBeTruthy();
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('offers Try again, and no Clear history where there is no history (the widget)', () => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    renderPage(null);
    const alert = screen.getByRole('alert');
    expect(within(alert).queryByRole('button', { name: 'Clear history' })).toBeNull();
    fault.on = false;
    fireEvent.click(within(alert).getByRole('button', { name: 'Try again' }));
    expect(screen.getByText('Saved problems')).toBeTruthy();
  });
});

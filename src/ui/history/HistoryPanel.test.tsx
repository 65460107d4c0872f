// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { useHistoryStore, type HistoryItem } from '../state/history-store';
import { HistoryIntentsContext, type HistoryIntents } from './history-intents';
import { HistoryPanel } from './HistoryPanel';

const initial = useHistoryStore.getState();

const item = (id: string, problem: string, extra: Partial<HistoryItem> = {}): HistoryItem => ({
  id,
  problem,
  createdAt: Date.UTC(2026, 0, 2, 10, 0),
  status: 'done',
  answer: null,
  model: null,
  checkCount: 0,
  ...extra,
});

function renderPanel(withIntents = true) {
  const intents: HistoryIntents = { open: vi.fn(), remove: vi.fn(), clear: vi.fn() };
  render(
    withIntents ? (
      <HistoryIntentsContext value={intents}>
        <HistoryPanel />
      </HistoryIntentsContext>
    ) : (
      <HistoryPanel />
    ),
  );
  return intents;
}

describe('HistoryPanel', () => {
  beforeEach(() => {
    useHistoryStore.setState(initial, true);
    useHistoryStore
      .getState()
      .setItems([
        item('a', 'Solve x^2 = 4.', { answer: '\\pm 2', checkCount: 2 }),
        item('b', 'What is six times seven?', { status: 'interrupted' }),
      ]);
    useHistoryStore.getState().setStatus('ready');
  });
  afterEach(cleanup);

  it('shows nothing unless the app turned history on and provides its intents (the widget does neither)', () => {
    renderPanel();
    expect(screen.queryByRole('region', { name: 'History' })).toBeNull();
    cleanup();
    useHistoryStore.getState().enable();
    renderPanel(false);
    expect(screen.queryByRole('region', { name: 'History' })).toBeNull();
  });

  it('lists entries with their status, answer and checks, and opens one', () => {
    useHistoryStore.getState().enable();
    const intents = renderPanel();
    const rows = within(screen.getByRole('list', { name: 'Saved problems' })).getAllByRole(
      'listitem',
    );
    expect(rows).toHaveLength(2);
    expect(rows[0]?.textContent).toContain('solved · answer \\pm 2 · 2 checks');
    expect(rows[1]?.textContent).toContain('interrupted');
    fireEvent.click(screen.getByRole('link', { name: /What is six times seven/ }));
    expect(intents.open).toHaveBeenCalledWith('b');
  });

  it('filters by every word of the search, ignoring case and accents', () => {
    useHistoryStore.getState().enable();
    useHistoryStore.getState().setItems([item('c', 'Résous 2x = 4'), item('d', 'Solve 3x = 9')]);
    renderPanel();
    fireEvent.change(screen.getByRole('searchbox', { name: 'Search history' }), {
      target: { value: 'RESOUS 4' },
    });
    expect(screen.getAllByRole('link')).toHaveLength(1);
    expect(screen.getByRole('link').textContent).toContain('Résous 2x = 4');
  });

  it('deletes one entry, and all only after a confirmation that starts on Cancel', () => {
    useHistoryStore.getState().enable();
    const intents = renderPanel();
    const rows = within(screen.getByRole('list', { name: 'Saved problems' })).getAllByRole(
      'listitem',
    );
    fireEvent.click(within(rows[1]!).getByRole('button', { name: 'Delete' }));
    expect(intents.remove).toHaveBeenCalledWith('b');

    fireEvent.click(screen.getByRole('button', { name: 'Clear all' }));
    const confirm = screen.getByRole('group', { name: 'Confirm clearing the history' });
    expect(confirm.textContent).toContain('Delete all 2 saved problems?');
    expect(within(confirm).getByRole('button', { name: 'Cancel' })).toBe(document.activeElement);
    fireEvent.click(within(confirm).getByRole('button', { name: 'Cancel' }));
    expect(intents.clear).not.toHaveBeenCalled();
    expect(screen.getByRole('button', { name: 'Clear all' })).toBe(document.activeElement);
    fireEvent.click(screen.getByRole('button', { name: 'Clear all' }));
    fireEvent.click(screen.getByRole('button', { name: 'Delete all' }));
    expect(intents.clear).toHaveBeenCalledOnce();
  });

  it('says how many stored entries were left out, and Clear all stays offered for them', () => {
    useHistoryStore.getState().enable();
    useHistoryStore.getState().setItems([]);
    useHistoryStore.getState().setSetAside(1);
    const intents = renderPanel();
    expect(screen.getByRole('status').textContent).toBe(
      '1 saved problem could not be read and is left out of the list; Clear all deletes it.',
    );
    fireEvent.click(screen.getByRole('button', { name: 'Clear all' }));
    fireEvent.click(screen.getByRole('button', { name: 'Delete all' }));
    expect(intents.clear).toHaveBeenCalledOnce();
  });

  it('shows a storage error as an alert that can be dismissed', () => {
    useHistoryStore.getState().enable();
    useHistoryStore.getState().setError('History could not save this solution: full.');
    renderPanel();
    expect(screen.getByRole('alert').textContent).toContain('History could not save this solution');
    fireEvent.click(screen.getByRole('button', { name: 'Dismiss' }));
    expect(screen.queryByRole('alert')).toBeNull();
  });
});

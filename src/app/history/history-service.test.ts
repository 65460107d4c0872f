// @vitest-environment jsdom
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { useHistoryStore } from '../../ui/state/history-store';
import { useTraceStore } from '../../ui/state/trace-store';
import { solveStarts } from '../solve-events';
import { openDB } from 'idb';
import { openHistoryDb, type HistoryDb } from './history-db';
import { splitRecord } from './history-entry';
import { createHistory } from './history-service';
import { record } from './test-record';

const trace = useTraceStore.getState;
let dbCount = 0;

afterEach(() => localStorage.clear());

/** The history database, with writes that never land once `hold` is set: the tab is going away. */
async function holdableDb(name: string, held: { hold: boolean }): Promise<HistoryDb> {
  const db = await openHistoryDb(name);
  return {
    ...db,
    save: (record) => (held.hold ? new Promise<void>(() => undefined) : db.save(record)),
  };
}

describe('history service', () => {
  it('lists a solve that ended as the tab went away, before its write landed, as solved on the next start', async () => {
    const name = `history-service-test-${++dbCount}`;
    const held = { hold: false };
    const starts = solveStarts();
    await createHistory(starts.on, () => holdableDb(name, held)).start();
    trace().setProblem('What is 6 * 7?');
    trace().start();
    starts.announce({ resumed: false });
    await vi.waitFor(() => expect(useHistoryStore.getState().items).toHaveLength(1));

    held.hold = true;
    trace().applyEvent({ type: 'block-start', id: 't1', kind: 'text' });
    trace().applyEvent({ type: 'block-delta', id: 't1', text: 'Six sevens are 42.' });
    trace().finish({ status: 'finished', answer: '42' });
    dispatchEvent(new Event('pagehide'));

    // The next page: a history of its own on the same database.
    useHistoryStore.setState({ items: [] });
    const next = createHistory(solveStarts().on, () => openHistoryDb(name));
    await next.start();
    expect(useHistoryStore.getState().items).toMatchObject([
      { problem: 'What is 6 * 7?', status: 'done', answer: '42' },
    ]);
    const id = useHistoryStore.getState().items[0]?.id ?? '';
    const stored = await (await openHistoryDb(name)).get(id);
    expect(stored?.blocks).toEqual([{ id: 't1', kind: 'text', text: 'Six sevens are 42.' }]);
    // Written, so nothing is left to restore.
    expect(localStorage.length).toBe(0);
  });

  it('lists the rest of the history around damaged records, counts them, and Clear all removes them', async () => {
    const name = `history-service-test-${++dbCount}`;
    const db = await openHistoryDb(name);
    await db.save(record('good', { problem: 'Still here' }));
    await db.save(record('opens-badly'));
    db.close();
    const raw = await openDB(name);
    const [summary, trace] = splitRecord(record('bad-summary'));
    await raw.put('summaries', { ...summary, problem: 42 });
    await raw.put('traces', trace);
    await raw.put('traces', { ...splitRecord(record('opens-badly'))[1], blocks: [null] });
    raw.close();
    localStorage.setItem(
      'mathcoder-tutor-history-unsaved:stashed',
      JSON.stringify({ ...record('stashed'), createdAt: 1e300 }),
    );
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    useHistoryStore.setState({ items: [], error: null, setAside: 0 });

    const history = createHistory(solveStarts().on, () => openHistoryDb(name));
    await history.start();
    const state = useHistoryStore.getState;
    expect(
      state()
        .items.map((item) => item.id)
        .sort(),
    ).toEqual(['good', 'opens-badly']);
    expect(state().setAside).toBe(2);
    await history.open('opens-badly');
    expect(state().error).toMatch(/cannot be opened: its saved copy is damaged/);

    await history.clear();
    expect(state()).toMatchObject({ items: [], setAside: 0 });
    expect(localStorage.length).toBe(0);
    expect((await (await openHistoryDb(name)).list()).setAside).toEqual([]);
  });
});

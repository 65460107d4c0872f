import { useEffect, useRef, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { matchingItems, useHistoryStore } from '../state/history-store';
import { useTraceStore } from '../state/trace-store';
import { ClearHistory } from './ClearHistory';
import { HistoryEntry } from './HistoryEntry';
import { shortProblem } from './history-labels';
import { useHistoryIntents } from './history-intents';
import './history.css';

export function HistoryPanel() {
  const intents = useHistoryIntents();
  const { enabled, status, items, error, setAside, currentId, query, setQuery, setError } =
    useHistoryStore(
      useShallow((s) => ({
        enabled: s.enabled,
        status: s.status,
        items: s.items,
        error: s.error,
        setAside: s.setAside,
        currentId: s.currentId,
        query: s.query,
        setQuery: s.setQuery,
        setError: s.setError,
      })),
    );
  const solving = useTraceStore((s) => s.status === 'solving');
  const search = useRef<HTMLInputElement>(null);
  const opening = useRef<string | null>(null);
  const [opened, setOpened] = useState('');
  const [requests, setRequests] = useState(0);
  // Once an entry asked for is on screen, show where it went and say so.
  useEffect(() => {
    if (!currentId || currentId !== opening.current) return;
    opening.current = null;
    const item = useHistoryStore.getState().items.find((i) => i.id === currentId);
    setOpened(item ? `Opened “${shortProblem(item.problem, 60)}” above.` : '');
    document
      .querySelector('section[aria-label="Solution"]')
      ?.scrollIntoView({ block: 'start', behavior: 'smooth' });
  }, [currentId, requests]);
  if (!enabled || !intents) return null;
  const shown = matchingItems(items, query);

  return (
    <section className="panel history" aria-labelledby="history-heading">
      <div className="history-head">
        <h2 id="history-heading">History</h2>
        <ClearHistory count={items.length + setAside} onClear={() => intents.clear()} />
      </div>
      {setAside > 0 && (
        <p className="history-set-aside" role="status">
          {setAside === 1
            ? '1 saved problem could not be read and is left out of the list; Clear all deletes it.'
            : `${setAside} saved problems could not be read and are left out of the list; Clear all deletes them.`}
        </p>
      )}
      {error && (
        <div className="error-message" role="alert">
          <strong>History problem</strong>
          <p>{error}</p>
          <button type="button" onClick={() => setError(null)}>
            Dismiss
          </button>
        </div>
      )}
      {status === 'loading' && <p className="muted">Loading saved problems…</p>}
      {status !== 'unavailable' && (
        <>
          <input
            ref={search}
            type="search"
            className="history-search"
            aria-label="Search history"
            placeholder="Search past problems"
            value={query}
            onChange={(e) => setQuery(e.target.value)}
          />
          {status === 'ready' && items.length === 0 && (
            <p className="muted">Problems you solve are saved here, in this browser only.</p>
          )}
          {items.length > 0 && shown.length === 0 && (
            <p className="muted">No saved problem matches “{query}”.</p>
          )}
          {shown.length > 0 && (
            <ul className="history-list" aria-label="Saved problems">
              {shown.map((item) => (
                <HistoryEntry
                  key={item.id}
                  item={item}
                  current={item.id === currentId}
                  disabled={solving}
                  onOpen={() => {
                    opening.current = item.id;
                    setOpened('');
                    setRequests((n) => n + 1);
                    intents.open(item.id);
                  }}
                  onDelete={() => {
                    intents.remove(item.id);
                    // The row goes away; keep focus in the panel.
                    search.current?.focus();
                  }}
                />
              ))}
            </ul>
          )}
        </>
      )}
      <p className="visually-hidden" aria-live="polite">
        {opened}
      </p>
    </section>
  );
}

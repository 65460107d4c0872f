import { useEffect, useRef, useState } from 'react';

/** "Clear all" asks once more in place, with Cancel focused so Enter does not delete by accident. */
export function ClearHistory({
  count,
  onClear,
  label = 'Clear all',
}: {
  /** How many saved problems go; null where it cannot be told (the list itself failed). */
  count: number | null;
  onClear(): void;
  label?: string;
}) {
  const [asking, setAsking] = useState(false);
  const cancel = useRef<HTMLButtonElement>(null);
  const start = useRef<HTMLButtonElement>(null);
  const asked = useRef(false);
  useEffect(() => {
    if (asking) cancel.current?.focus();
    else if (asked.current) start.current?.focus();
    asked.current = asking;
  }, [asking]);

  if (!asking) {
    return (
      <button type="button" ref={start} disabled={count === 0} onClick={() => setAsking(true)}>
        {label}
      </button>
    );
  }
  return (
    <div className="history-confirm" role="group" aria-label="Confirm clearing the history">
      <p>
        {count === null
          ? 'Delete every saved problem?'
          : `Delete all ${count} saved ${count === 1 ? 'problem' : 'problems'}?`}{' '}
        This cannot be undone.
      </p>
      <button
        type="button"
        className="danger"
        onClick={() => {
          setAsking(false);
          onClear();
        }}
      >
        Delete all
      </button>
      <button type="button" ref={cancel} onClick={() => setAsking(false)}>
        Cancel
      </button>
    </div>
  );
}

import { useEffect, useRef, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useIntents } from '../intents';
import { useModelStore, type ModelChoice, type StoredState } from '../state/model-store';
import { formatBytes } from '../format';
import './models.css';

/** A model with a download (whole or cut short) kept in this browser. */
export interface StoredRow {
  model: ModelChoice;
  storedBytes: number;
  partial: boolean;
}

/** Every model with something kept in this browser, in the model list's order. */
export function storedRows(
  models: readonly ModelChoice[],
  stored: Record<string, StoredState>,
): StoredRow[] {
  return models.flatMap((model) => {
    const state = stored[model.id];
    if (state?.status !== 'downloaded' && state?.status !== 'partial') return [];
    return [{ model, storedBytes: state.storedBytes, partial: state.status === 'partial' }];
  });
}

interface StoredModelListProps {
  busy: boolean;
  /** Where focus goes when the last row is deleted. */
  focusElsewhere(): void;
}

/** Every model kept in this browser, its size and a delete per row: switching models costs no new download. */
export function StoredModelList({ busy, focusElsewhere }: StoredModelListProps) {
  const intents = useIntents();
  const { models, stored, selectedId, loaded } = useModelStore(
    useShallow((s) => ({
      models: s.models,
      stored: s.stored,
      selectedId: s.selectedId,
      loaded: s.load.status === 'ready' && !s.playback,
    })),
  );
  const [confirming, setConfirming] = useState<string | null>(null);
  // The row being deleted and its stored state then: a new state (or the row gone) means the delete is over.
  const [deleting, setDeleting] = useState<{
    id: string;
    label: string;
    was: StoredState | undefined;
  } | null>(null);
  const [said, setSaid] = useState('');
  const deleteButtons = useRef(new Map<string, HTMLButtonElement>());
  const keepButton = useRef<HTMLButtonElement>(null);
  const returnTo = useRef<string | null>(null);
  const rows = storedRows(models, stored);
  const kept = deleting !== null && rows.some((r) => r.model.id === deleting.id);
  const settled = deleting !== null && (!kept || stored[deleting.id] !== deleting.was);

  // The question replaces the Delete button: focus its safe answer, and come back to the button after "Keep it".
  useEffect(() => {
    if (confirming) return keepButton.current?.focus();
    if (returnTo.current) deleteButtons.current.get(returnTo.current)?.focus();
    returnTo.current = null;
  }, [confirming]);
  useEffect(() => {
    if (!settled) return;
    // A failed delete keeps its row; the reason shows with the selected model's storage.
    setSaid(kept ? '' : `${deleting.label} was deleted from this browser.`);
    setDeleting(null);
  }, [settled, kept, deleting]);

  const confirmDelete = (id: string, label: string) => {
    const index = rows.findIndex((r) => r.model.id === id);
    // Focus moves to the row that takes the deleted one's place (or the one before), before this row goes away.
    const next = rows[index + 1] ?? rows[index - 1];
    setConfirming(null);
    setDeleting({ id, label, was: stored[id] });
    setSaid('');
    intents.deleteModel(id);
    if (next) deleteButtons.current.get(next.model.id)?.focus();
    else focusElsewhere();
  };

  if (rows.length === 0) {
    return (
      <p className="visually-hidden" aria-live="polite">
        {said}
      </p>
    );
  }
  return (
    <section className="stored-models" aria-labelledby="stored-models-heading">
      {/* A label, not a heading: the model panel has none for it to sit under. */}
      <p id="stored-models-heading" className="stored-models-title">
        Stored in this browser
      </p>
      <ul className="stored-model-list">
        {rows.map(({ model, storedBytes, partial }) => {
          const size = formatBytes(storedBytes);
          const isLoaded = loaded && model.id === selectedId;
          const details = [size, partial && 'partly downloaded', isLoaded && 'loaded']
            .filter(Boolean)
            .join(' · ');
          return (
            <li key={model.id} className="stored-model">
              <span className="stored-model-name">
                <strong>{model.label}</strong> <span className="muted">{details}</span>
              </span>
              {deleting?.id === model.id ? (
                <span className="muted">Deleting…</span>
              ) : confirming === model.id ? (
                <span
                  className="actions stored-model-confirm"
                  role="group"
                  aria-label={`Confirm delete of ${model.label}`}
                >
                  <span>
                    Delete {size} of {model.label} from this browser?
                    {isLoaded && ' It is loaded: deleting unloads it.'}
                  </span>
                  <button
                    type="button"
                    disabled={busy}
                    onClick={() => confirmDelete(model.id, model.label)}
                  >
                    Delete
                  </button>
                  <button
                    type="button"
                    ref={keepButton}
                    onClick={() => {
                      returnTo.current = model.id;
                      setConfirming(null);
                    }}
                  >
                    Keep it
                  </button>
                </span>
              ) : (
                <button
                  type="button"
                  aria-label={`Delete ${model.label}`}
                  disabled={busy}
                  ref={(button) => {
                    if (button) deleteButtons.current.set(model.id, button);
                    else deleteButtons.current.delete(model.id);
                  }}
                  onClick={() => setConfirming(model.id)}
                >
                  Delete
                </button>
              )}
            </li>
          );
        })}
      </ul>
      {busy && (
        <p className="muted hint">Stored models can be deleted once loading or solving is over.</p>
      )}
      <p className="visually-hidden" aria-live="polite">
        {said}
      </p>
    </section>
  );
}

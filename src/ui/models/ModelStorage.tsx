import { useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { ErrorMessage } from '../ErrorMessage';
import { useIntents } from '../intents';
import {
  selectedModel,
  useModelStore,
  type StorageInfo,
  type StoredState,
} from '../state/model-store';
import { formatBytes } from '../format';

function stateText(state: StoredState, sizeBytes: number | null): string {
  switch (state.status) {
    case 'checking':
      return 'Checking browser storage…';
    case 'downloaded':
      return `Downloaded: ${formatBytes(state.storedBytes)} in this browser, loads without the network.`;
    case 'partial':
      return `Partly downloaded (${formatBytes(state.storedBytes)}): Load model fetches the rest.`;
    case 'absent':
      return sizeBytes
        ? `Not downloaded: Load model downloads ${formatBytes(sizeBytes)} once and keeps it.`
        : 'Not downloaded: Load model downloads it once and keeps it.';
    case 'unavailable':
      return 'This browser cannot store models for this page, so the model is downloaded on each visit.';
  }
}

function storageText({ usageBytes, quotaBytes, persisted }: StorageInfo): string | null {
  if (usageBytes === null || quotaBytes === null) return null;
  const free = Math.max(0, quotaBytes - usageBytes);
  const kept =
    persisted === true
      ? ' Kept until you delete it.'
      : persisted === false
        ? ' The browser may clear it when the disk runs low.'
        : '';
  return `Storage for this site: ${formatBytes(usageBytes)} used, ${formatBytes(free)} available.${kept}`;
}

/** The selected model's place in browser storage: downloaded or not, the site's usage, and delete. */
export function ModelStorage({ busy }: { busy: boolean }) {
  const intents = useIntents();
  const model = useModelStore(selectedModel);
  const { stored, storage, storageError } = useModelStore(
    useShallow((s) => ({ stored: s.stored, storage: s.storage, storageError: s.storageError })),
  );
  const [confirming, setConfirming] = useState<string | null>(null);
  if (!model) return null;
  const state = stored[model.id] ?? { status: 'checking' };
  const deletable = state.status === 'downloaded' || state.status === 'partial';
  // A placeholder line until the estimate answers, so the panel does not grow after first paint.
  const usage = storage ? storageText(storage) : 'Storage for this site: checking…';

  return (
    <div className="model-storage" role="group" aria-label="Model storage">
      <p className={state.status === 'downloaded' ? 'ok' : 'muted'} aria-live="polite">
        {stateText(state, model.sizeBytes)}
      </p>
      {deletable && confirming !== model.id && (
        <button type="button" disabled={busy} onClick={() => setConfirming(model.id)}>
          Delete download
        </button>
      )}
      {deletable && confirming === model.id && (
        <div className="actions" role="group" aria-label="Confirm delete">
          <span>
            Delete {formatBytes(state.storedBytes)} of {model.label} from this browser?
          </span>
          <button
            type="button"
            disabled={busy}
            onClick={() => {
              setConfirming(null);
              intents.deleteModel(model.id);
            }}
          >
            Delete
          </button>
          <button type="button" onClick={() => setConfirming(null)}>
            Keep it
          </button>
        </div>
      )}
      {usage && <p className="muted hint">{usage}</p>}
      {storageError && <ErrorMessage error={storageError} />}
    </div>
  );
}

import { useState } from 'react';
import { useTraceStore } from './state/trace-store';
import { useUpdateStore, type UpdateStatus } from './state/update-store';
import { useUpdateIntents } from './update-intents';
import './update-prompt.css';

const words: Record<Exclude<UpdateStatus, 'none'>, string> = {
  available: 'Update available: a new version of the tutor has been downloaded.',
  updating: 'Updating…',
  'updating-slow':
    'Still updating: the browser lets the new version take over once the tutor stops loading files in its open tabs. This can take a minute.',
  'after-solve': 'The update loads when this solve finishes.',
  elsewhere: 'A new version of the tutor was opened in another tab.',
};

/** Offers a downloaded version; a running solve is never cut short by the reload. */
export function UpdatePrompt() {
  const intents = useUpdateIntents();
  const update = useUpdateStore((s) => s.update);
  const solving = useTraceStore((s) => s.status === 'solving');
  const [dismissed, setDismissed] = useState<UpdateStatus | null>(null);
  if (!intents || update === 'none' || dismissed === update) return null;
  const canAct = update === 'available' || update === 'elsewhere';
  return (
    <section className="update-prompt" aria-label="Update">
      <p role="status">{words[update]}</p>
      {canAct && (
        <>
          {solving && (
            <p className="muted" id="update-waits">
              You can update once the solve finishes.
            </p>
          )}
          <div className="update-actions">
            <button
              type="button"
              className="primary"
              onClick={intents.updateApp}
              disabled={solving}
              aria-describedby={solving ? 'update-waits' : undefined}
            >
              {update === 'available' ? 'Update' : 'Reload'}
            </button>
            <button type="button" onClick={() => setDismissed(update)}>
              Later
            </button>
          </div>
        </>
      )}
    </section>
  );
}

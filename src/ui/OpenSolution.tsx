import { useIntents } from './intents';
import { useModelStore } from './state/model-store';
import { ErrorMessage } from './ErrorMessage';

export function OpenSolution({ disabled }: { disabled: boolean }) {
  const intents = useIntents();
  const playbackError = useModelStore((s) => s.playbackError);
  return (
    <>
      <label className={disabled ? 'button file-button disabled' : 'button file-button'}>
        Open saved solution
        <input
          type="file"
          accept=".json,.jsonl,application/json"
          className="visually-hidden"
          disabled={disabled}
          onChange={(e) => {
            const file = e.target.files?.[0];
            // Cleared so choosing the same file again still fires a change.
            e.target.value = '';
            if (file) intents.openSavedSolution(file);
          }}
        />
      </label>
      {playbackError && (
        <div className="actions-error">
          <ErrorMessage error={playbackError} />
        </div>
      )}
    </>
  );
}

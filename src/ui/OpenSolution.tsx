import { useIntents } from './intents';
import { useModelStore } from './state/model-store';
import { ErrorMessage } from './ErrorMessage';

export function OpenSolution({ disabled }: { disabled: boolean }) {
  const intents = useIntents();
  const replayError = useModelStore((s) => s.replayError);
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
      {replayError && (
        <div className="actions-error">
          <ErrorMessage error={replayError} />
        </div>
      )}
    </>
  );
}

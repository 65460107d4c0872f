import { useRef, useState, type DragEvent } from 'react';
import { folderFromDirectoryHandle, folderFromDrop, folderFromFileList } from './folder-files';
import { useIntents, type PickedFolder } from '../intents';
import { useModelStore } from '../state/model-store';

type PickerWindow = Window & {
  showDirectoryPicker?: () => Promise<Parameters<typeof folderFromDirectoryHandle>[0]>;
};

// React passes these through to the input; the DOM typings do not know them.
const directoryInput = { webkitdirectory: '', directory: '' } as Record<string, string>;

/** Adds a model from a local folder (MLC or GGUF files), by picker, file input or drag and drop. */
export function AddModelFolder({ busy }: { busy: boolean }) {
  const intents = useIntents();
  const state = useModelStore((s) => s.folderAdd);
  const input = useRef<HTMLInputElement>(null);
  const [over, setOver] = useState(false);
  const working = state.status === 'checking' || state.status === 'storing';
  const disabled = busy || working;

  const add = (folder: PickedFolder | null) => {
    if (folder && !disabled) intents.addModelFolder(folder);
  };
  const pick = async () => {
    const picker = (window as PickerWindow).showDirectoryPicker;
    if (!picker) return input.current?.click();
    try {
      add(await folderFromDirectoryHandle(await picker()));
    } catch (error) {
      // Closing the picker is not an error; anything else falls back to the plain input.
      if ((error as DOMException).name !== 'AbortError') input.current?.click();
    }
  };
  const onDrop = (event: DragEvent) => {
    event.preventDefault();
    setOver(false);
    void folderFromDrop(event.dataTransfer).then(add);
  };

  return (
    <div
      className={over ? 'add-folder drop-over' : 'add-folder'}
      role="group"
      aria-label="Add a model from a folder"
      onDragOver={(e) => {
        e.preventDefault();
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={onDrop}
    >
      <button type="button" disabled={disabled} onClick={() => void pick()}>
        Add a model from a folder…
      </button>
      <span className="muted hint">
        {' '}
        or drop the folder here (MLC or GGUF files, e.g. from a USB stick)
      </span>
      <input
        ref={input}
        className="visually-hidden"
        type="file"
        multiple
        {...directoryInput}
        aria-label="Model folder"
        tabIndex={-1}
        disabled={disabled}
        onChange={(e) => {
          add(folderFromFileList(e.currentTarget.files ?? []));
          e.currentTarget.value = '';
        }}
      />
      {state.status === 'checking' && <p className="muted">Checking {state.name}…</p>}
      {state.status === 'storing' && (
        <div className="load-progress">
          <progress
            aria-label="Storing the model"
            max={1}
            value={state.fraction ?? undefined}
            aria-valuetext={state.text}
          />
          <p className="muted progress-text">{state.text}</p>
        </div>
      )}
      {state.status === 'failed' && (
        <div role="alert" className="error-message">
          <p>
            <strong>{state.name} cannot be added as a model:</strong>
          </p>
          <ul>
            {state.errors.map((e) => (
              <li key={e}>{e}</li>
            ))}
          </ul>
        </div>
      )}
      {state.status === 'added' && (
        <div role="status">
          <p className="ok">{state.label} was added and selected; it loads without the network.</p>
          {state.warnings.length > 0 && (
            <ul className="muted hint">
              {state.warnings.map((w) => (
                <li key={w}>{w}</li>
              ))}
            </ul>
          )}
        </div>
      )}
    </div>
  );
}

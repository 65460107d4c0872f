import { useState, type FormEvent } from 'react';
import { useIntents } from '../intents';
import { useModelStore } from '../state/model-store';

/** Adds any GGUF from the model hub by the name the ecosystem gives it: `owner/repo:QUANT`. */
export function AddHubModel({ busy }: { busy: boolean }) {
  const intents = useIntents();
  const state = useModelStore((s) => s.hubAdd);
  const [name, setName] = useState('');
  const disabled = busy || state.status === 'checking';
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!disabled && name.trim()) intents.addHubModel(name);
  };

  return (
    <form className="add-hub-model" aria-label="Add a model from the hub" onSubmit={submit}>
      <label>
        Hub model{' '}
        <input
          type="text"
          value={name}
          placeholder="owner/repo:Q4_K_M"
          spellCheck={false}
          autoComplete="off"
          onChange={(e) => setName(e.currentTarget.value)}
        />
      </label>{' '}
      <button type="submit" disabled={disabled || !name.trim()}>
        Add from the hub
      </button>
      <span className="muted hint">
        {' '}
        a GGUF as <code>owner/repo:QUANT</code>, <code>hf.co/owner/repo:QUANT</code> or its hub
        address
      </span>
      {state.status === 'checking' && <p className="muted">Checking {state.name} on the hub…</p>}
      {state.status === 'failed' && (
        <div role="alert" className="error-message">
          <p>
            <strong>{state.name} cannot be added as a model:</strong> {state.error}
          </p>
        </div>
      )}
      {state.status === 'added' && (
        <p role="status" className="ok">
          {state.label} was added and selected; Load model downloads it.
        </p>
      )}
    </form>
  );
}

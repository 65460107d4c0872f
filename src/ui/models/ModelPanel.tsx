import { useRef } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useIntents } from '../intents';
import {
  selectedModel,
  useModelStore,
  type ModelChoice,
  type StoredState,
} from '../state/model-store';
import { useSandboxStore } from '../state/sandbox-store';
import { useTraceStore } from '../state/trace-store';
import { ErrorMessage } from '../ErrorMessage';
import { GpuStatus } from './GpuStatus';
import { LoadProgress } from './LoadProgress';
import { AddHubModel } from './AddHubModel';
import { AddModelFolder } from './AddModelFolder';
import { ModelListProblems } from './ModelListProblems';
import { ModelStorage } from './ModelStorage';
import { StoredModelList } from './StoredModelList';
import { SandboxStatus } from '../SandboxStatus';
import { formatBytes } from '../format';

function optionText(
  model: ModelChoice,
  stored: StoredState | undefined,
  note: string | undefined,
): string {
  const size = model.sizeBytes ? ` · ${formatBytes(model.sizeBytes)}` : '';
  const reported = model.reported ? ` · ${model.reported}` : '';
  return `${model.label}${size}${reported} · ${model.origin}${storedText(stored)}${note ? ` · ${note}` : ''}`;
}

/** What this browser keeps of a model, so the list shows which models need no new download. */
function storedText(stored: StoredState | undefined): string {
  if (stored?.status === 'downloaded') return ` · stored, ${formatBytes(stored.storedBytes)}`;
  if (stored?.status === 'partial') return ` · partly stored, ${formatBytes(stored.storedBytes)}`;
  return '';
}

const sentence = (words: string) => `${words.charAt(0).toUpperCase()}${words.slice(1)}.`;

export function ModelPanel() {
  const intents = useIntents();
  const { models, selectedId, load, playback, gpu, stored, notes } = useModelStore(
    useShallow((s) => ({
      models: s.models,
      selectedId: s.selectedId,
      load: s.load,
      playback: s.playback,
      gpu: s.gpu,
      stored: s.stored,
      notes: s.notes,
    })),
  );
  const model = useModelStore(selectedModel);
  const note = model ? notes[model.id] : undefined;
  const solving = useTraceStore((s) => s.status === 'solving');
  const sandbox = useSandboxStore();
  const f32 = models.find((m) => m.id === model?.f32VariantId);
  const busy = solving || load.status === 'checking' || load.status === 'loading';
  const select = useRef<HTMLSelectElement>(null);

  return (
    <section className="panel model-panel" aria-label="Model">
      {playback && (
        <div className="playback-badge">
          <p>
            <strong>Playback of a saved solution</strong> <span>{playback.label}</span>
          </p>
          <p className="muted">Its text and code come from the file; Python runs them live here.</p>
        </div>
      )}
      <div className="model-row">
        <label className="field">
          <span>{playback ? 'Live model' : 'Model'}</span>
          <select
            ref={select}
            value={selectedId ?? ''}
            disabled={busy}
            onChange={(e) => intents.selectModel(e.target.value)}
          >
            {models.map((m) => (
              <option key={m.id} value={m.id}>
                {optionText(m, stored[m.id], notes[m.id])}
              </option>
            ))}
          </select>
        </label>
        <button
          type="button"
          disabled={
            !model ||
            busy ||
            (model.needsWebGPU && gpu.status !== 'available') ||
            (load.status === 'ready' && !playback)
          }
          onClick={() => intents.loadModel()}
        >
          {load.status === 'ready' && playback ? 'Use model' : 'Load model'}
        </button>
      </div>
      {model && !playback && (
        <p className="muted model-origin">
          {model.engine}, {model.origin}.{model.reported && ` Reported: ${model.reported}.`}
          {note && ` ${sentence(note)}`}
        </p>
      )}
      {!playback && <ModelStorage busy={busy} />}
      {!playback && <StoredModelList busy={busy} focusElsewhere={() => select.current?.focus()} />}
      <ModelListProblems />
      {!playback && <AddModelFolder busy={busy} />}
      {!playback && <AddHubModel busy={busy} />}
      {load.status === 'loading' && <LoadProgress fraction={load.fraction} text={load.text} />}
      {load.status === 'checking' && <p className="muted">Checking WebGPU…</p>}
      {load.status === 'ready' && !playback && (
        <p className="ok">
          {model?.label} is loaded{load.runtime ? `: ${load.runtime}` : ''}.
        </p>
      )}
      {load.status === 'failed' && (
        <ErrorMessage error={load.error}>
          {load.error.code === 'no-shader-f16' && f32 && (
            <button
              type="button"
              onClick={() => {
                intents.selectModel(f32.id);
                intents.loadModel();
              }}
            >
              Load the f32 variant{f32.sizeBytes ? ` (${formatBytes(f32.sizeBytes)})` : ''}
            </button>
          )}
        </ErrorMessage>
      )}
      {/* Folded when a CPU model is chosen: it explains but stops nothing, and unfolded it fills a phone screen. */}
      {gpu.status === 'unavailable' && (
        <ErrorMessage error={gpu.error} collapsed={model?.needsWebGPU === false} />
      )}
      {gpu.status === 'unavailable' && model?.needsWebGPU === false && (
        <p className="muted">
          No usable WebGPU here: {model.label} runs on the CPU with llama.cpp.
        </p>
      )}
      {sandbox.status === 'failed' && (
        <ErrorMessage error={{ code: 'sandbox-failed', message: sandbox.text }} />
      )}
      <div className="status-row">
        <GpuStatus />
        <SandboxStatus />
      </div>
    </section>
  );
}

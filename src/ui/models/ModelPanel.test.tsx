// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { IntentsContext, type TutorIntents } from '../intents';
import { ModelPanel } from './ModelPanel';
import { useModelStore, type ModelChoice } from '../state/model-store';

const f16: ModelChoice = {
  id: 'm-f16',
  label: 'Model f16',
  sizeBytes: 3.8e9,
  f32VariantId: 'm-f32',
  engine: 'WebLLM',
  needsWebGPU: true,
  origin: "from this site's models/ folder",
};
const f32: ModelChoice = {
  ...f16,
  id: 'm-f32',
  label: 'Model f32',
  sizeBytes: 3.9e9,

  f32VariantId: null,
};
const initial = useModelStore.getState();

function renderPanel() {
  const intents: TutorIntents = {
    solve: vi.fn(),
    stop: vi.fn(),
    selectModel: vi.fn(),
    loadModel: vi.fn(),
    openSavedSolution: vi.fn(),
    deleteModel: vi.fn(),
    addModelFolder: vi.fn(),
    addHubModel: vi.fn(),
    rerunFrom: vi.fn(),
    continueFrom: vi.fn(),
    checkAnswer: vi.fn(),
  };
  render(
    <IntentsContext value={intents}>
      <ModelPanel />
    </IntentsContext>,
  );
  return intents;
}

describe('ModelPanel', () => {
  beforeEach(() => {
    useModelStore.setState(initial, true);
    useModelStore.getState().setModels([f16, f32], 'm-f16');
    useModelStore.getState().setGpu({ status: 'available', shaderF16: false, adapter: 'test gpu' });
  });
  afterEach(cleanup);

  it('offers the models with their sizes and loads only on the click', () => {
    const intents = renderPanel();
    expect(
      screen.getByRole('option', { name: "Model f16 · 3.8 GB · from this site's models/ folder" }),
    ).toBeTruthy();
    expect(intents.loadModel).not.toHaveBeenCalled();
    fireEvent.click(screen.getByRole('button', { name: 'Load model' }));
    expect(intents.loadModel).toHaveBeenCalledOnce();
  });

  it('says where each model comes from and what stands in its way here', () => {
    useModelStore.getState().setNotes({ 'm-f16': 'cannot run here: needs shader-f16' });
    renderPanel();
    expect(
      screen.getByRole('option', {
        name: "Model f16 · 3.8 GB · from this site's models/ folder · cannot run here: needs shader-f16",
      }),
    ).toBeTruthy();
    expect(
      screen.getByText(/^WebLLM, from this site's models\/ folder\. Cannot run here/),
    ).toBeTruthy();
  });

  it('shows each model’s reported accuracy and whether it fits, with the time a solution takes here', () => {
    useModelStore
      .getState()
      .setModels([{ ...f16, reported: 'MATH 23.3, GSM8K 64.2 (MathCoder paper)' }, f32], 'm-f16');
    useModelStore.getState().setNotes({
      'm-f16': 'fits; a typical solution takes about 17 minutes here (0.3 tokens/s measured)',
    });
    renderPanel();
    expect(
      screen.getByRole('option', {
        name:
          "Model f16 · 3.8 GB · MATH 23.3, GSM8K 64.2 (MathCoder paper) · from this site's models/ folder" +
          ' · fits; a typical solution takes about 17 minutes here (0.3 tokens/s measured)',
      }),
    ).toBeTruthy();
    expect(
      screen.getByText(/Reported: MATH 23\.3, GSM8K 64\.2 \(MathCoder paper\)\. Fits;/),
    ).toBeTruthy();
  });

  it('shows download progress as a progress bar with its text', () => {
    useModelStore
      .getState()
      .setLoad({ status: 'loading', fraction: 0.42, text: 'Fetching shard 3 of 70' });
    renderPanel();
    const bar = screen.getByRole('progressbar', { name: 'Model download' });
    expect(bar.getAttribute('aria-valuenow')).toBe('42');
    expect(screen.getByText('Fetching shard 3 of 70')).toBeTruthy();
    expect((screen.getByRole('button', { name: 'Load model' }) as HTMLButtonElement).disabled).toBe(
      true,
    );
  });

  it('offers the f32 variant when shader-f16 is missing', () => {
    useModelStore.getState().setLoad({
      status: 'failed',
      error: { code: 'no-shader-f16', message: 'Choose the f32 build.' },
    });
    const intents = renderPanel();
    fireEvent.click(screen.getByRole('button', { name: 'Load the f32 variant (3.9 GB)' }));
    expect(intents.selectModel).toHaveBeenCalledWith('m-f32');
    expect(intents.loadModel).toHaveBeenCalledOnce();
  });

  it('presents a playback as a saved solution, not as a live model', () => {
    useModelStore.getState().setPlayback({ label: 'quadratic.json' });
    renderPanel();
    expect(screen.getByText('Playback of a saved solution')).toBeTruthy();
    expect(screen.getByRole('combobox', { name: 'Live model' })).toBeTruthy();
  });

  it('explains a missing WebGPU and keeps Load disabled', () => {
    useModelStore.getState().setGpu({
      status: 'unavailable',
      error: { code: 'no-webgpu', message: 'No adapter.' },
    });
    renderPanel();
    expect(screen.getByRole('alert').textContent).toContain('you can still open a saved solution');
    expect((screen.getByRole('button', { name: 'Load model' }) as HTMLButtonElement).disabled).toBe(
      true,
    );
  });
});

// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi, type Mock } from 'vitest';
import { IntentsContext, type TutorIntents } from '../intents';
import { ModelPanel } from './ModelPanel';
import { useModelStore, type ModelChoice } from '../state/model-store';

const gguf: ModelChoice = {
  id: 'g',
  label: 'Model GGUF',
  sizeBytes: 4.08e9,
  f32VariantId: null,
  engine: 'llama.cpp',
  needsWebGPU: false,
  origin: 'from the model hub',
};
const initial = useModelStore.getState();

/** Every intent a mock, whatever the interface holds. */
function renderPanel() {
  const mocks: Record<string, Mock> = {};
  const intents = new Proxy(mocks, {
    get: (target, key: string) => (target[key] ??= vi.fn()),
  }) as unknown as TutorIntents;
  render(
    <IntentsContext value={intents}>
      <ModelPanel />
    </IntentsContext>,
  );
  return intents;
}

const group = () => screen.getByRole('group', { name: 'Model storage' });

describe('the model panel and browser storage', () => {
  beforeEach(() => {
    useModelStore.setState(initial, true);
    useModelStore.getState().setModels([gguf], 'g');
    useModelStore.getState().setGpu({ status: 'available', shaderF16: false, adapter: 'gpu' });
  });
  afterEach(cleanup);

  it('says a model is not downloaded yet and how big the download is', () => {
    useModelStore.getState().setStored('g', { status: 'absent', storedBytes: 0 });
    renderPanel();
    expect(group().textContent).toContain('Not downloaded: Load model downloads 4.1 GB once');
    expect(screen.queryByRole('button', { name: 'Delete download' })).toBeNull();
  });

  it('marks a downloaded model, shows the storage figures and deletes only after confirming', () => {
    useModelStore.getState().setStored('g', { status: 'downloaded', storedBytes: 4.08e9 });
    useModelStore.getState().setStorage({ usageBytes: 4.1e9, quotaBytes: 60e9, persisted: false });
    const intents = renderPanel();
    expect(
      screen.getByRole('option', {
        name: 'Model GGUF · 4.1 GB · from the model hub · stored, 4.1 GB',
      }),
    ).toBeTruthy();
    expect(group().textContent).toContain('Downloaded: 4.1 GB in this browser');
    expect(group().textContent).toContain(
      'Storage for this site: 4.1 GB used, 55.9 GB available. The browser may clear it when the disk runs low.',
    );
    fireEvent.click(screen.getByRole('button', { name: 'Delete download' }));
    expect(intents.deleteModel).not.toHaveBeenCalled();
    const confirm = screen.getByRole('group', { name: 'Confirm delete' });
    expect(confirm.textContent).toContain('Delete 4.1 GB of Model GGUF from this browser?');
    fireEvent.click(screen.getByRole('button', { name: 'Keep it' }));
    expect(intents.deleteModel).not.toHaveBeenCalled();
    fireEvent.click(screen.getByRole('button', { name: 'Delete download' }));
    fireEvent.click(screen.getByRole('button', { name: 'Delete' }));
    expect(intents.deleteModel).toHaveBeenCalledWith('g');
  });

  it('says a partial download resumes, and that persistent storage was granted', () => {
    useModelStore.getState().setStored('g', { status: 'partial', storedBytes: 1.5e9 });
    useModelStore.getState().setStorage({ usageBytes: 1.5e9, quotaBytes: 10e9, persisted: true });
    renderPanel();
    expect(group().textContent).toContain(
      'Partly downloaded (1.5 GB): Load model fetches the rest.',
    );
    expect(group().textContent).toContain('Kept until you delete it.');
  });

  it('shows a full disk as its own clear error', () => {
    useModelStore.getState().setLoad({
      status: 'failed',
      error: {
        code: 'storage-full',
        message: 'The browser has no room to store this model (4080 MB).',
      },
    });
    renderPanel();
    const alert = screen.getByRole('alert');
    expect(alert.textContent).toContain('Not enough storage for the model');
    expect(alert.textContent).toContain('no room to store this model (4080 MB)');
  });

  it('lists the models.json entries that were skipped', () => {
    useModelStore
      .getState()
      .setListProblems(['models.json entry 2 (x) was skipped: format must be "mlc" or "gguf".']);
    renderPanel();
    expect(screen.getByText('One problem in the model list (models.json)')).toBeTruthy();
    expect(screen.getByText(/entry 2 \(x\) was skipped/)).toBeTruthy();
  });
});

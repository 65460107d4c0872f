// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi, type Mock } from 'vitest';
import { IntentsContext, type TutorIntents } from '../intents';
import { ModelPanel } from './ModelPanel';
import { useModelStore, type ModelChoice } from '../state/model-store';
import { useTraceStore } from '../state/trace-store';

const model = (id: string, label: string, sizeBytes: number): ModelChoice => ({
  id,
  label,
  sizeBytes,
  f32VariantId: null,
  engine: 'llama.cpp',
  needsWebGPU: false,
  origin: 'from the model hub',
});
const mathcoder = model('mathcoder', 'MathCoder-L 7B', 3.8e9);
const small = model('small', 'Qwen2.5-Math 1.5B', 1e9);
const other = model('other', 'Other model', 2e9);
const initial = useModelStore.getState();
const initialTrace = useTraceStore.getState();

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

const list = () => screen.getByRole('region', { name: 'Stored in this browser' });
const rowOf = (label: string) =>
  within(list())
    .getAllByRole('listitem')
    .find((row) => row.textContent?.includes(label));

describe('the list of models stored in this browser', () => {
  beforeEach(() => {
    useModelStore.setState(initial, true);
    useTraceStore.setState(initialTrace, true);
    const s = useModelStore.getState();
    s.setModels([mathcoder, small, other], 'mathcoder');
    s.setGpu({ status: 'available', shaderF16: false, adapter: 'gpu' });
    s.setStored('mathcoder', { status: 'downloaded', storedBytes: 3.8e9 });
    s.setStored('small', { status: 'downloaded', storedBytes: 1e9 });
    s.setStored('other', { status: 'absent', storedBytes: 0 });
  });
  afterEach(cleanup);

  it('lists every stored model with its size, partial downloads too, and none that is absent', () => {
    useModelStore.getState().setStored('other', { status: 'partial', storedBytes: 0.5e9 });
    renderPanel();
    const rows = within(list()).getAllByRole('listitem');
    expect(rows.map((r) => r.textContent)).toEqual([
      'MathCoder-L 7B 3.8 GB' + 'Delete',
      'Qwen2.5-Math 1.5B 1.0 GB' + 'Delete',
      'Other model 500 MB · partly downloaded' + 'Delete',
    ]);
    for (const label of ['MathCoder-L 7B', 'Qwen2.5-Math 1.5B', 'Other model']) {
      expect(screen.getByRole('button', { name: `Delete ${label}` })).toBeTruthy();
    }
  });

  it('says in the model choice which models are stored, and how much', () => {
    renderPanel();
    expect(
      screen.getByRole('option', {
        name: 'Qwen2.5-Math 1.5B · 1.0 GB · from the model hub · stored, 1.0 GB',
      }),
    ).toBeTruthy();
    expect(
      screen.getByRole('option', { name: 'Other model · 2.0 GB · from the model hub' }),
    ).toBeTruthy();
  });

  it('is not shown while nothing is stored', () => {
    useModelStore.getState().setStored('mathcoder', { status: 'absent', storedBytes: 0 });
    useModelStore.getState().setStored('small', { status: 'absent', storedBytes: 0 });
    renderPanel();
    expect(screen.queryByRole('region', { name: 'Stored in this browser' })).toBeNull();
  });

  it('deletes a model that is not selected only after confirming, and keeps focus in the list', () => {
    const intents = renderPanel();
    const deleteSmall = screen.getByRole('button', { name: 'Delete Qwen2.5-Math 1.5B' });
    fireEvent.click(deleteSmall);
    const confirm = screen.getByRole('group', { name: 'Confirm delete of Qwen2.5-Math 1.5B' });
    expect(confirm.textContent).toContain('Delete 1.0 GB of Qwen2.5-Math 1.5B from this browser?');
    expect(document.activeElement).toBe(within(confirm).getByRole('button', { name: 'Keep it' }));
    fireEvent.click(within(confirm).getByRole('button', { name: 'Keep it' }));
    expect(intents.deleteModel).not.toHaveBeenCalled();
    expect(document.activeElement).toBe(
      screen.getByRole('button', { name: 'Delete Qwen2.5-Math 1.5B' }),
    );

    fireEvent.click(screen.getByRole('button', { name: 'Delete Qwen2.5-Math 1.5B' }));
    fireEvent.click(
      within(screen.getByRole('group', { name: /Confirm delete of/ })).getByRole('button', {
        name: 'Delete',
      }),
    );
    expect(intents.deleteModel).toHaveBeenCalledWith('small');
    expect(intents.deleteModel).toHaveBeenCalledTimes(1);
    expect(rowOf('Qwen2.5-Math 1.5B')?.textContent).toContain('Deleting…');
    // The last row went: focus moves to the row before it.
    expect(document.activeElement).toBe(
      screen.getByRole('button', { name: 'Delete MathCoder-L 7B' }),
    );

    act(() => useModelStore.getState().setStored('small', { status: 'absent', storedBytes: 0 }));
    expect(rowOf('Qwen2.5-Math 1.5B')).toBeUndefined();
    expect(rowOf('MathCoder-L 7B')).toBeTruthy();
    expect(screen.getByText('Qwen2.5-Math 1.5B was deleted from this browser.')).toBeTruthy();
    expect(screen.getByRole('option', { name: /^Qwen2.5-Math 1.5B/ }).textContent).not.toContain(
      'stored',
    );
  });

  it('moves focus to the model choice when the last stored model is deleted', () => {
    useModelStore.getState().setStored('mathcoder', { status: 'absent', storedBytes: 0 });
    const intents = renderPanel();
    fireEvent.click(screen.getByRole('button', { name: 'Delete Qwen2.5-Math 1.5B' }));
    fireEvent.click(screen.getByRole('button', { name: 'Delete' }));
    expect(intents.deleteModel).toHaveBeenCalledWith('small');
    expect(document.activeElement).toBe(screen.getByRole('combobox', { name: 'Model' }));
    act(() => useModelStore.getState().setStored('small', { status: 'absent', storedBytes: 0 }));
    expect(screen.queryByRole('region', { name: 'Stored in this browser' })).toBeNull();
    expect(screen.getByText('Qwen2.5-Math 1.5B was deleted from this browser.')).toBeTruthy();
  });

  it('says that the loaded model is unloaded by its delete', () => {
    useModelStore.getState().setLoad({ status: 'ready', runtime: 'llama.cpp (wllama) on CPU' });
    renderPanel();
    expect(rowOf('MathCoder-L 7B')?.textContent).toContain('3.8 GB · loaded');
    expect(rowOf('Qwen2.5-Math 1.5B')?.textContent).not.toContain('loaded');
    fireEvent.click(screen.getByRole('button', { name: 'Delete MathCoder-L 7B' }));
    expect(
      screen.getByRole('group', { name: 'Confirm delete of MathCoder-L 7B' }).textContent,
    ).toContain(
      'Delete 3.8 GB of MathCoder-L 7B from this browser? It is loaded: deleting unloads it.',
    );
  });

  it('refuses deletes while a model loads or a solve runs, and says why', () => {
    useTraceStore.setState({ status: 'solving' });
    renderPanel();
    const button = screen.getByRole('button', { name: 'Delete Qwen2.5-Math 1.5B' });
    expect((button as HTMLButtonElement).disabled).toBe(true);
    expect(list().textContent).toContain(
      'Stored models can be deleted once loading or solving is over.',
    );
  });

  it('gives the row back when a delete fails', () => {
    const intents = renderPanel();
    fireEvent.click(screen.getByRole('button', { name: 'Delete Qwen2.5-Math 1.5B' }));
    fireEvent.click(screen.getByRole('button', { name: 'Delete' }));
    expect(intents.deleteModel).toHaveBeenCalledWith('small');
    // The store is asked again and still holds the model.
    act(() =>
      useModelStore.getState().setStored('small', { status: 'downloaded', storedBytes: 1e9 }),
    );
    expect(rowOf('Qwen2.5-Math 1.5B')?.textContent).not.toContain('Deleting…');
    expect(screen.getByRole('button', { name: 'Delete Qwen2.5-Math 1.5B' })).toBeTruthy();
    expect(screen.queryByText(/was deleted from this browser/)).toBeNull();
  });
});

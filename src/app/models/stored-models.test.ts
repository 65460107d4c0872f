import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { StoredModelState } from '../../engine/storage/stored-model-state';
import { testModel } from '../../engine/models/catalog';
import { useModelStore } from '../../ui/state/model-store';
import { StoredModels } from './stored-models';

const option = testModel('http://app.test/test-models/tutor-test.gguf');
const initial = useModelStore.getState();
// Reported to the model store as the catalog wires it.
const view = initial;

function setup(state: StoredModelState, persisted = false) {
  const storage = {
    estimate: vi.fn(async () => ({ usage: 1000, quota: 50_000 })),
    persisted: vi.fn(async () => persisted),
    persist: vi.fn(async () => true),
  };
  let current = state;
  const remove = vi.fn(async () => {
    current = { status: 'absent', storedBytes: 0 };
  });
  const stored = new StoredModels(
    'http://app.test/',
    () => [option],
    view,
    storage,
    async () => current,
    remove,
  );
  return { stored, storage, remove };
}

describe('StoredModels', () => {
  beforeEach(() => useModelStore.setState(initial, true));

  it('puts each model state and the storage figures in the store', async () => {
    const { stored } = setup({ status: 'downloaded', storedBytes: 336_832 });
    await stored.refresh();
    expect(useModelStore.getState().stored[option.id]).toEqual({
      status: 'downloaded',
      storedBytes: 336_832,
    });
    expect(useModelStore.getState().storage).toEqual({
      usageBytes: 1000,
      quotaBytes: 50_000,
      persisted: false,
    });
  });

  it('ends "checking" with no figures when the browser never answers the estimate, and still refreshes', async () => {
    const storage = { estimate: () => new Promise<StorageEstimate>(() => {}) };
    const stored = new StoredModels(
      'http://app.test/',
      () => [option],
      view,
      storage,
      async () => ({ status: 'downloaded', storedBytes: 10 }),
      async () => {},
      20,
    );
    await stored.refresh();
    expect(useModelStore.getState().storage).toEqual({
      usageBytes: null,
      quotaBytes: null,
      persisted: null,
    });
  });

  it('asks for persistent storage once a model is stored, and only then', async () => {
    const absent = setup({ status: 'absent', storedBytes: 0 });
    await absent.stored.afterLoad(option.id);
    expect(absent.storage.persist).not.toHaveBeenCalled();

    const downloaded = setup({ status: 'downloaded', storedBytes: 10 });
    await downloaded.stored.afterLoad(option.id);
    expect(downloaded.storage.persist).toHaveBeenCalledOnce();

    const already = setup({ status: 'downloaded', storedBytes: 10 }, true);
    await already.stored.afterLoad(option.id);
    expect(already.storage.persist).not.toHaveBeenCalled();
  });

  it('deletes and refreshes, and reports a failed delete', async () => {
    const { stored, remove } = setup({ status: 'downloaded', storedBytes: 10 });
    await stored.delete(option.id);
    expect(remove).toHaveBeenCalledWith(option, 'http://app.test/');
    expect(useModelStore.getState().stored[option.id]?.status).toBe('absent');

    const failing = new StoredModels(
      'http://app.test/',
      () => [option],
      view,
      undefined,
      async () => ({ status: 'downloaded', storedBytes: 10 }),
      async () => {
        throw new DOMException('The operation is insecure.', 'SecurityError');
      },
    );
    await failing.delete(option.id);
    expect(useModelStore.getState().storageError?.message).toMatch(/insecure/);
    // No navigator.storage: no figures, and no "checking" line left standing.
    expect(useModelStore.getState().storage).toEqual({
      usageBytes: null,
      quotaBytes: null,
      persisted: null,
    });
  });
});

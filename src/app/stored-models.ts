import { deleteStoredModel, storedModelState } from '../engine/backends/model-storage';
import { toEngineError } from '../engine/errors';
import type { ModelOption } from '../engine/models/catalog';
import { useModelStore } from '../ui/state/model-store';

/** The parts of navigator.storage used here (absent in insecure pages and some browsers). */
export interface StorageManagerLike {
  estimate?(): Promise<StorageEstimate>;
  persist?(): Promise<boolean>;
  persisted?(): Promise<boolean>;
}

/** Keeps the panel's "downloaded" states and storage figures in step with browser storage. */
export class StoredModels {
  constructor(
    private readonly baseUrl: string,
    private readonly options: () => readonly ModelOption[],
    private readonly storage: StorageManagerLike | undefined = globalThis.navigator?.storage,
    private readonly check = storedModelState,
    private readonly remove = deleteStoredModel,
  ) {}

  /** Asks the browser for every model's state (or the given ones) and the storage figures. */
  async refresh(ids?: readonly string[]): Promise<void> {
    const store = useModelStore.getState();
    const wanted = this.options().filter((m) => !ids || ids.includes(m.id));
    await Promise.all(
      wanted.map(async (option) => {
        try {
          store.setStored(option.id, await this.check(option, this.baseUrl));
        } catch {
          store.setStored(option.id, { status: 'unavailable', storedBytes: 0 });
        }
      }),
    );
    await this.refreshEstimate();
  }

  /** After a load: asks the browser to keep stored models (it may evict them otherwise), then refreshes. */
  async afterLoad(id: string): Promise<void> {
    await this.refresh([id]);
    const state = useModelStore.getState().stored[id];
    if (state?.status === 'downloaded' && this.storage?.persist) {
      const already = (await this.storage.persisted?.().catch(() => false)) ?? false;
      if (!already) await this.storage.persist().catch(() => false);
      await this.refreshEstimate();
    }
  }

  async delete(id: string): Promise<void> {
    const option = this.options().find((m) => m.id === id);
    if (!option) return;
    const store = useModelStore.getState();
    store.setStorageError(null);
    try {
      await this.remove(option, this.baseUrl);
    } catch (error) {
      store.setStorageError(toEngineError(error));
    }
    await this.refresh([id]);
  }

  private async refreshEstimate(): Promise<void> {
    const store = useModelStore.getState();
    if (!this.storage?.estimate) return store.setStorage(null);
    try {
      const [estimate, persisted] = await Promise.all([
        this.storage.estimate(),
        this.storage.persisted?.().catch(() => null) ?? Promise.resolve(null),
      ]);
      store.setStorage({
        usageBytes: estimate.usage ?? null,
        quotaBytes: estimate.quota ?? null,
        persisted,
      });
    } catch {
      store.setStorage(null);
    }
  }
}

import { deleteStoredModel, storedModelState } from '../../engine/backends/model-storage';
import { toEngineError } from '../../engine/errors';
import type { ModelOption } from '../../engine/models/catalog';
import type { EngineErrorData } from '../../engine/types';
import type { StorageInfo, StoredState } from '../../ui/state/model-store';

/** The parts of navigator.storage used here (absent in insecure pages and some browsers). */
export interface StorageManagerLike {
  estimate?(): Promise<StorageEstimate>;
  persist?(): Promise<boolean>;
  persisted?(): Promise<boolean>;
}

/** Where the states found are reported; the model catalog puts them in the model store. */
export interface StoredView {
  setStored(id: string, state: StoredState): void;
  setStorage(storage: StorageInfo | null): void;
  setStorageError(error: EngineErrorData | null): void;
}

/** What the panel gets where the browser gives no figures: no storage line, rather than "checking" for ever. */
const NO_FIGURES: StorageInfo = { usageBytes: null, quotaBytes: null, persisted: null };

/** Keeps the panel's "downloaded" states and storage figures in step with browser storage. */
export class StoredModels {
  constructor(
    private readonly baseUrl: string,
    private readonly options: () => readonly ModelOption[],
    private readonly view: StoredView,
    private readonly storage: StorageManagerLike | undefined = globalThis.navigator?.storage,
    private readonly check = storedModelState,
    private readonly remove = deleteStoredModel,
    private readonly estimateTimeoutMs = 5000,
  ) {}

  /** Asks the browser for every model's state (or the given ones) and the storage figures; returns the states. */
  async refresh(ids?: readonly string[]): Promise<Record<string, StoredState>> {
    const wanted = this.options().filter((m) => !ids || ids.includes(m.id));
    const found: Record<string, StoredState> = {};
    await Promise.all(
      wanted.map(async (option) => {
        let state: StoredState;
        try {
          state = await this.check(option, this.baseUrl);
        } catch {
          state = { status: 'unavailable', storedBytes: 0 };
        }
        found[option.id] = state;
        this.view.setStored(option.id, state);
      }),
    );
    await this.refreshEstimate();
    return found;
  }

  /** After a load: asks the browser to keep stored models (it may evict them otherwise), then refreshes. */
  async afterLoad(id: string): Promise<void> {
    const state = (await this.refresh([id]))[id];
    if (state?.status === 'downloaded' && this.storage?.persist) {
      const already = (await this.storage.persisted?.().catch(() => false)) ?? false;
      if (!already) await this.storage.persist().catch(() => false);
      await this.refreshEstimate();
    }
  }

  async delete(id: string): Promise<void> {
    const option = this.options().find((m) => m.id === id);
    if (!option) return;
    this.view.setStorageError(null);
    try {
      await this.remove(option, this.baseUrl);
    } catch (error) {
      this.view.setStorageError(toEngineError(error));
    }
    await this.refresh([id]);
  }

  private async refreshEstimate(): Promise<void> {
    const answer = this.storage?.estimate
      ? await Promise.race([
          Promise.all([
            this.storage.estimate(),
            this.storage.persisted?.().catch(() => null) ?? Promise.resolve(null),
          ]).catch(() => null),
          // WebKit in a third-party iframe leaves the estimate unanswered: the panel must not say "checking" forever.
          new Promise<null>((resolve) => setTimeout(() => resolve(null), this.estimateTimeoutMs)),
        ])
      : null;
    if (!answer) return this.view.setStorage(NO_FIGURES);
    const [estimate, persisted] = answer;
    this.view.setStorage({
      usageBytes: estimate.usage ?? null,
      quotaBytes: estimate.quota ?? null,
      persisted,
    });
  }
}

import { create } from 'zustand';

/** Whether the app itself (not a model) can open without a network. */
export type OfflineStatus = 'unavailable' | 'saving' | 'ready';

/**
 * `available`: a new version is downloaded and waiting; `updating`: the user accepted it; `updating-slow`: the
 * browser has not let it take over within a few seconds; `after-solve`: it will load when the running solve ends;
 * `elsewhere`: another tab activated it.
 */
export type UpdateStatus =
  'none' | 'available' | 'updating' | 'updating-slow' | 'after-solve' | 'elsewhere';

interface UpdateState {
  version: string;
  offline: OfflineStatus;
  /** Why offline use is unavailable, when the browser said. */
  offlineReason: string;
  update: UpdateStatus;
  setVersion(version: string): void;
  setOffline(offline: OfflineStatus, reason?: string): void;
  setUpdate(update: UpdateStatus): void;
}

export const useUpdateStore = create<UpdateState>()((set) => ({
  version: '',
  offline: 'unavailable',
  offlineReason: '',
  update: 'none',
  setVersion: (version) => set({ version }),
  setOffline: (offline, offlineReason = '') => set({ offline, offlineReason }),
  setUpdate: (update) => set({ update }),
}));

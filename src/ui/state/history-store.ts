import { create } from 'zustand';

export type HistoryItemStatus = 'solving' | 'done' | 'stopped' | 'failed' | 'interrupted';

/** One past problem as the history list shows it. */
export interface HistoryItem {
  id: string;
  problem: string;
  createdAt: number;
  status: HistoryItemStatus;
  answer: string | null;
  model: string | null;
  checkCount: number;
}

interface HistoryState {
  /** False until the app turns history on (the embeddable widget never does). */
  enabled: boolean;
  status: 'loading' | 'ready' | 'unavailable';
  items: HistoryItem[];
  /** The last storage failure, shown until dismissed or the next success. */
  error: string | null;
  /** Stored entries that failed the schema check: kept out of the list, deleted by Clear all. */
  setAside: number;
  /** The entry shown in the Solution area: the solve running or last run, or one opened from the list. */
  currentId: string | null;
  query: string;
  enable(): void;
  setStatus(status: HistoryState['status']): void;
  setItems(items: HistoryItem[]): void;
  setError(error: string | null): void;
  setSetAside(count: number): void;
  setCurrent(id: string | null): void;
  setQuery(query: string): void;
}

export const useHistoryStore = create<HistoryState>()((set) => ({
  enabled: false,
  status: 'loading',
  items: [],
  error: null,
  setAside: 0,
  currentId: null,
  query: '',
  enable: () => set({ enabled: true }),
  setStatus: (status) => set({ status }),
  setItems: (items) => set({ items }),
  setError: (error) => set({ error }),
  setSetAside: (setAside) => set({ setAside }),
  setCurrent: (currentId) => set({ currentId }),
  setQuery: (query) => set({ query }),
}));

/** Case- and accent-insensitive match on the problem text. */
export function matchingItems(items: readonly HistoryItem[], query: string): HistoryItem[] {
  const fold = (s: string) =>
    s
      .normalize('NFD')
      .replace(/\p{Diacritic}/gu, '')
      .toLowerCase();
  const words = fold(query).split(/\s+/).filter(Boolean);
  if (words.length === 0) return items.slice();
  return items.filter((item) => {
    const text = fold(item.problem);
    return words.every((w) => text.includes(w));
  });
}

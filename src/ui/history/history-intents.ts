import { createContext, useContext } from 'react';

/** What the history list can ask for; only the main app provides it, so an embed shows no history. */
export interface HistoryIntents {
  open(id: string): void;
  remove(id: string): void;
  /** Resolves once the history is gone (or the failure is shown). */
  clear(): Promise<void> | void;
}

export const HistoryIntentsContext = createContext<HistoryIntents | null>(null);

export function useHistoryIntents(): HistoryIntents | null {
  return useContext(HistoryIntentsContext);
}

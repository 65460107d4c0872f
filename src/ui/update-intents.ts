import { createContext, useContext } from 'react';

/** What the update prompt can ask for; only the installable main app provides it. */
export interface UpdateIntents {
  /** Load the downloaded version (the app layer waits for a running solve to end). */
  updateApp(): void;
}

export const UpdateIntentsContext = createContext<UpdateIntents | null>(null);

export function useUpdateIntents(): UpdateIntents | null {
  return useContext(UpdateIntentsContext);
}

import { create } from 'zustand';

/** What edit & re-run and "continue from here" are doing, for the code cells' controls. */
interface EditState {
  /** The code cell whose re-run is in progress. */
  rerunning: string | null;
  /** The last cell re-run to the end: "Continue from here" is offered there. */
  continueFrom: string | null;
  /** A message shown under that cell (why it cannot continue, or what went wrong). */
  message: { blockId: string; text: string; tone: 'info' | 'error' } | null;
  startRerun(blockId: string): void;
  endRerun(blockId: string, ok: boolean, message?: string): void;
  say(blockId: string, text: string, tone: 'info' | 'error'): void;
  clear(): void;
}

export const useEditStore = create<EditState>()((set) => ({
  rerunning: null,
  continueFrom: null,
  message: null,
  startRerun: (blockId) => set({ rerunning: blockId, continueFrom: null, message: null }),
  endRerun: (blockId, ok, message) =>
    set({
      rerunning: null,
      continueFrom: ok ? blockId : null,
      message: message ? { blockId, text: message, tone: ok ? 'info' : 'error' } : null,
    }),
  say: (blockId, text, tone) => set({ message: { blockId, text, tone } }),
  clear: () => set({ rerunning: null, continueFrom: null, message: null }),
}));

import { create } from 'zustand';

export type TutorMode = 'whole' | 'steps';

/** How the solution is shown: whole, or step by step with what the student has revealed so far. */
interface ModeState {
  mode: TutorMode;
  /** Steps shown in step-by-step mode. */
  revealed: number;
  /** The prose block shown as a hint, ahead of the steps; '' when a hint was asked for and there is none. */
  hintId: string | null;
  /** The student's own try at the next step (scratch, not graded). */
  attempt: string;
  setMode(mode: TutorMode): void;
  reveal(count: number): void;
  showHint(blockId: string | null): void;
  setAttempt(text: string): void;
  /** Hides every step again and forgets the hint and the try (a new solve, a reset widget). */
  restart(): void;
}

export const useModeStore = create<ModeState>()((set) => ({
  mode: 'whole',
  revealed: 0,
  hintId: null,
  attempt: '',
  setMode: (mode) => set({ mode }),
  reveal: (count) => set((s) => ({ revealed: count, hintId: s.hintId === '' ? null : s.hintId })),
  showHint: (hintId) => set({ hintId }),
  setAttempt: (attempt) => set({ attempt }),
  restart: () => set({ revealed: 0, hintId: null, attempt: '' }),
}));

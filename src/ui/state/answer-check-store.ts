import { create } from 'zustand';

export type CheckVerdict = 'equal' | 'not-equal' | 'unreadable' | 'ambiguous' | 'unavailable';

/** The student's last "Check my answer" and what the tutor said. */
interface AnswerCheckState {
  checking: boolean;
  /** `hiddenMessage` says the same without giving the solution's answer away. */
  result: { answer: string; verdict: CheckVerdict; message: string; hiddenMessage: string } | null;
  start(): void;
  done(answer: string, verdict: CheckVerdict, message: string, hiddenMessage?: string): void;
  clear(): void;
}

export const useAnswerCheckStore = create<AnswerCheckState>()((set) => ({
  checking: false,
  result: null,
  start: () => set({ checking: true }),
  done: (answer, verdict, message, hiddenMessage = message) =>
    set({ checking: false, result: { answer, verdict, message, hiddenMessage } }),
  clear: () => set({ checking: false, result: null }),
}));

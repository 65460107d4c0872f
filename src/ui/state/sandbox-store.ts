import { create } from 'zustand';

export type SandboxPhase = 'starting' | 'ready' | 'busy' | 'restarting' | 'failed';

interface SandboxState {
  status: SandboxPhase;
  /** What is happening, in words ("Loading sympy…"), or why it failed. */
  text: string;
  setStatus(status: SandboxPhase, text?: string): void;
}

export const useSandboxStore = create<SandboxState>()((set) => ({
  status: 'starting',
  text: '',
  setStatus: (status, text = '') => set({ status, text }),
}));

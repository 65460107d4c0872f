import { create } from 'zustand';

export type SandboxStatus = 'starting' | 'ready' | 'busy' | 'restarting' | 'failed';

interface SandboxState {
  status: SandboxStatus;
  /** What is happening, in words ("Loading sympy…"), or why it failed. */
  text: string;
  setStatus(status: SandboxStatus, text?: string): void;
}

export const useSandboxStore = create<SandboxState>()((set) => ({
  status: 'starting',
  text: '',
  setStatus: (status, text = '') => set({ status, text }),
}));

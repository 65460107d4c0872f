import { create } from 'zustand';

export type SandboxPhase = 'starting' | 'ready' | 'busy' | 'restarting' | 'failed';

interface SandboxState {
  status: SandboxPhase;
  /** What is happening, in words ("Loading sympy…"), or why it failed. */
  text: string;
  /** A Python worker (the one in use or the spare) is still downloading and starting. */
  loading: boolean;
  setStatus(status: SandboxPhase, text?: string): void;
  setLoading(loading: boolean): void;
}

export const useSandboxStore = create<SandboxState>()((set) => ({
  status: 'starting',
  text: '',
  loading: true,
  setStatus: (status, text = '') => set({ status, text }),
  setLoading: (loading) => set({ loading }),
}));

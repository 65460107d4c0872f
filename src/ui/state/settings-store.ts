import { create } from 'zustand';
import { createJSONStorage, persist } from 'zustand/middleware';

export const THEMES = ['system', 'light', 'dark'] as const;
export const TEXT_SIZES = ['small', 'medium', 'large'] as const;
export type Theme = (typeof THEMES)[number];
export type TextSize = (typeof TEXT_SIZES)[number];

interface Settings {
  theme: Theme;
  textSize: TextSize;
}

interface SettingsState extends Settings {
  setTheme(theme: Theme): void;
  setTextSize(textSize: TextSize): void;
}

const defaults: Settings = { theme: 'system', textSize: 'medium' };

/** Keeps only values this version knows, so an edited or old entry cannot break the page. */
export function readSettings(saved: unknown): Settings {
  const { theme, textSize } = (saved ?? {}) as Partial<Record<keyof Settings, unknown>>;
  return {
    theme: THEMES.includes(theme as Theme) ? (theme as Theme) : defaults.theme,
    textSize: TEXT_SIZES.includes(textSize as TextSize)
      ? (textSize as TextSize)
      : defaults.textSize,
  };
}

export const useSettingsStore = create<SettingsState>()(
  persist(
    (set) => ({
      ...defaults,
      setTheme: (theme) => set({ theme }),
      setTextSize: (textSize) => set({ textSize }),
    }),
    {
      name: 'mathcoder-tutor-settings',
      version: 1,
      // Where storage is refused the settings still work for this visit.
      storage: createJSONStorage(() => localStorage),
      partialize: ({ theme, textSize }) => ({ theme, textSize }),
      merge: (saved, current) => ({ ...current, ...readSettings(saved) }),
    },
  ),
);

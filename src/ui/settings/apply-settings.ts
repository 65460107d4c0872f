import { useSettingsStore, type TextSize } from '../state/settings-store';

const scale: Record<TextSize, string> = { small: '87.5%', medium: '100%', large: '118.75%' };

/** Puts the theme and text size on <html>, where the stylesheets' custom properties read them. */
export function applySettings(
  root: HTMLElement,
  { theme, textSize }: { theme: string; textSize: TextSize },
): void {
  root.dataset.theme = theme;
  root.style.setProperty('--text-size', scale[textSize]);
}

/** Applies the saved settings now (before the first paint) and whenever they change. */
export function followSettings(root: HTMLElement = document.documentElement): () => void {
  applySettings(root, useSettingsStore.getState());
  return useSettingsStore.subscribe((settings) => applySettings(root, settings));
}

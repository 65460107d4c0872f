import { useSettingsStore, type TextSize, type Theme } from '../state/settings-store';

/** The browser's own bar follows a chosen theme too: each theme-color meta takes that theme's colour. */
function applyThemeColor(root: HTMLElement, theme: Theme) {
  const metas = Array.from(
    root.ownerDocument.querySelectorAll<HTMLMetaElement>('meta[name="theme-color"]'),
  );
  for (const meta of metas) meta.dataset.content ??= meta.content;
  const chosen = metas.find((m) => m.media.includes(theme))?.dataset.content;
  for (const meta of metas) {
    meta.content = (theme !== 'system' && chosen) || meta.dataset.content || meta.content;
  }
}

/** Puts the theme and text size on <html>, where settings.css reads them (index.html does too, before the first paint). */
export function applySettings(
  root: HTMLElement,
  { theme, textSize }: { theme: Theme; textSize: TextSize },
): void {
  root.dataset.theme = theme;
  root.dataset.textSize = textSize;
  applyThemeColor(root, theme);
}

/** Applies the saved settings now (before the first render) and whenever they change. */
export function followSettings(root: HTMLElement = document.documentElement): () => void {
  applySettings(root, useSettingsStore.getState());
  return useSettingsStore.subscribe((settings) => applySettings(root, settings));
}

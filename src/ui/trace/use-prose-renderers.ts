import { use } from 'react';
import { escapeHtml } from './escape-html.ts';
import type * as Renderers from './prose-renderers.ts';

export type ProseRenderers = typeof Renderers;

// If the chunk cannot load (offline before it was cached), prose shows as plain text rather than not at all.
const plainText = (text: string) =>
  `<p class="trace-plain">${escapeHtml(text.replace(/\r\n?/g, '\n'))}</p>`;
const plainRenderers: ProseRenderers = {
  renderProse: plainText,
  renderProseParts: (text) => [plainText(text)],
  renderAnswer: plainText,
};

let loaded: ProseRenderers | null = null;
let loading: Promise<ProseRenderers> | null = null;

export function loadProseRenderers(): Promise<ProseRenderers> {
  loading ??= import('./prose-renderers.ts').then(
    (renderers) => (loaded = renderers),
    () => (loaded = plainRenderers),
  );
  return loading;
}

/** Markdown and KaTeX, suspending the caller (inside a Suspense boundary) the first time only. */
export function useProseRenderers(): ProseRenderers {
  return loaded ?? use(loadProseRenderers());
}

// The first sign of a user (a key, a tap, a focus) starts the load, so a solution rarely waits for it; a page that
// is only looked at, as Lighthouse does, never downloads it.
if (typeof document !== 'undefined') {
  const events = ['pointerdown', 'keydown', 'focusin'] as const;
  const start = () => {
    for (const type of events) document.removeEventListener(type, start, true);
    void loadProseRenderers();
  };
  for (const type of events)
    document.addEventListener(type, start, { capture: true, passive: true });
}

import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { readConfig } from '../app/config';
import { createTutor } from '../app/tutor';
import { exportIntents } from '../app/export-intents';
import { ExportIntentsContext } from '../ui/exports/export-intents';
import { EmbedApp } from '../ui/EmbedApp';
import { IntentsContext } from '../ui/intents';
import { useModeStore } from '../ui/state/mode-store';
import { selectedModel, useModelStore } from '../ui/state/model-store';
import { formatBytes } from '../ui/format';
import { useTraceStore } from '../ui/state/trace-store';
import {
  availableLanguages,
  availableModes,
  readEmbedParams,
  trustedHostOrigin,
} from './embed-params';
import { createLoadGuard } from './load-guard';
import { parseAllowlist } from './protocol';
import { createWidgetBridge } from './widget-bridge';
import { applyTheme, widgetCommands } from './widget-commands';
import { emitResize, emitStoreEvents } from './widget-events';

const params = readEmbedParams(window.location.search);
const config = readConfig(window.location.search);
document.documentElement.lang = params.language;
applyTheme(params.theme);

// The widget never reads or writes the solve history: nothing stored on this site reaches an embedding page.
const tutor = createTutor(config);
void tutor.start();
if (params.model) tutor.intents.selectModel(params.model);
if (params.problem) useTraceStore.getState().setProblem(params.problem);
// Step by step shows the solution a step at a time; "check my answer" starts with every step hidden.
if (params.mode !== 'solve') useModeStore.getState().setMode('steps');

const root = document.getElementById('root');
if (!root) throw new Error('embed.html has no #root element');
const intents = window.parent !== window ? guardedIntents(root) : tutor.intents;
createRoot(root).render(
  <StrictMode>
    <IntentsContext value={intents}>
      <ExportIntentsContext value={exportIntents}>
        <EmbedApp />
      </ExportIntentsContext>
    </IntentsContext>
  </StrictMode>,
);

/** Load model starts a download only after the reader confirms it, and never while the widget is reported hidden. */
function guardedIntents(target: HTMLElement): typeof tutor.intents {
  const guard = createLoadGuard({ target, confirm: (question) => window.confirm(question) });
  return {
    ...tutor.intents,
    loadModel: () => {
      const state = useModelStore.getState();
      const model = selectedModel(state);
      if (!model) return;
      const size = model.sizeBytes ? ` (${formatBytes(model.sizeBytes)})` : '';
      const stored = state.stored[model.id]?.status === 'downloaded';
      const question = `Download ${model.label}${size} into this browser and load it?`;
      void guard.check(stored ? null : question).then((verdict) => {
        if (verdict.ok) tutor.intents.loadModel();
        else
          tutor.loadRefused({
            code: verdict.reason === 'covered' ? 'widget-covered' : 'download-declined',
            message: verdict.message,
          });
      });
    },
  };
}

/** A `?playback=` solution is opened before `ready`, so a host's first `solve` finds it. */
function playbackOpened(): Promise<void> {
  if (!config.playbackUrl) return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      const { playback, playbackError } = useModelStore.getState();
      return playback !== null || playbackError !== null;
    };
    if (done()) return resolve();
    const off = useModelStore.subscribe(() => {
      if (!done()) return;
      off();
      resolve();
    });
  });
}

const ancestors = window.location.ancestorOrigins
  ? Array.from(window.location.ancestorOrigins)
  : null;
const hostOrigin =
  window.parent !== window
    ? trustedHostOrigin(
        params.hostOrigin,
        parseAllowlist(import.meta.env.VITE_EMBED_ALLOWED_ORIGINS),
        ancestors,
      )
    : null;

if (hostOrigin) {
  const bridge = createWidgetBridge({
    self: window,
    parent: window.parent,
    hostOrigin,
    handlers: widgetCommands(tutor.intents, tutor.solve, () => bridge.stats()),
  });
  emitStoreEvents(bridge.emit, tutor.onSolveStart);
  void playbackOpened().then(() => {
    bridge.emit({
      type: 'ready',
      modes: availableModes,
      languages: availableLanguages,
      theme: params.theme,
    });
    emitResize(root, bridge.emit);
  });
}

import type { EngineErrorCode } from '../engine/types';

/** A title for each error, and what the app offers beyond the engine's own advice in its message. */
export const errorHelp: Record<EngineErrorCode, { title: string; advice?: string }> = {
  'no-webgpu': {
    title: 'This browser has no WebGPU',
    advice:
      'Use a recent Chrome or Edge on desktop for the model; you can still open a saved solution and run it here.',
  },
  'no-shader-f16': { title: 'This GPU lacks shader-f16' },
  'model-files-missing': {
    title: 'The model files are missing',
    advice: 'You can still open a saved solution and run it here.',
  },
  'download-failed': { title: 'The download failed' },
  offline: {
    title: 'You are offline',
    advice: 'You can still open a saved solution and run it here.',
  },
  'device-lost': { title: 'The GPU stopped responding' },
  'out-of-memory': { title: 'Not enough memory' },
  'storage-full': { title: 'Not enough storage for the model' },
  'model-not-loaded': { title: 'No model is loaded' },
  'context-full': { title: 'The model’s context is full' },
  'bad-trace': {
    title: 'This is not a saved solution',
    advice:
      'Open a .json solution saved by this app, or a .jsonl file of recorded MathCoder traces.',
  },
  'sandbox-failed': {
    title: 'Python stopped working',
    advice: 'Reload the page to start Python again.',
  },
  'app-outdated': { title: 'The app needs a reload' },
  'widget-covered': {
    title: 'The tutor is hidden on this page',
    advice: 'Open the tutor in its own tab to load the model there.',
  },
  'download-declined': {
    title: 'Nothing was downloaded',
    advice:
      'Press Load model again and confirm the browser’s question, or open the tutor in its own tab.',
  },
  unknown: {
    title: 'Something went wrong',
    advice: 'Try again; if it keeps happening, reload the page.',
  },
};

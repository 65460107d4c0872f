// A saved solution opened in place of a model: "Open saved solution" and `?playback=`.
import { createPlaybackModel } from '../engine/backends/playback';
import { toEngineError } from '../engine/errors';
import { getFormat } from '../engine/formats/get-format';
import type { PromptFormat } from '../engine/formats/prompt-format';
import type { LanguageModel } from '../engine/types';
import { useTraceStore } from '../ui/state/trace-store';
import type { ModelCatalog } from './models/model-catalog';
import type { OpenedSolution } from './saved-solution';

export interface Playback {
  /** The playback model, while a saved solution stands in for the model. */
  current(): { model: LanguageModel; format: PromptFormat } | null;
  open(reading: Promise<OpenedSolution>): Promise<void>;
  drop(): void;
}

export function createPlayback(
  models: Pick<ModelCatalog, 'find' | 'showPlayback' | 'playbackFailed'>,
): Playback {
  let playback: { model: LanguageModel; format: PromptFormat } | null = null;

  function adopt(opened: OpenedSolution) {
    void playback?.model.dispose();
    const format = getFormat(models.find(opened.solution.model ?? '')?.formatId ?? 'mathcoder');
    const model = createPlaybackModel(opened.solution, { format });
    playback = { model, format };
    models.showPlayback({ label: opened.label });
    useTraceStore.getState().setProblem(opened.solution.problem);
  }

  return {
    current: () => playback,
    async open(reading) {
      try {
        adopt(await reading);
      } catch (error) {
        models.playbackFailed(toEngineError(error, { fallback: 'bad-trace' }));
      }
    },
    drop() {
      void playback?.model.dispose();
      playback = null;
      models.showPlayback(null);
    },
  };
}

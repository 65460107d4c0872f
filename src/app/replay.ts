// A saved solution opened in place of a model: "Open saved solution" and `?replay=`.
import { createReplayModel } from '../engine/backends/replay';
import { toEngineError } from '../engine/errors';
import { getFormat } from '../engine/formats/get-format';
import type { PromptFormat } from '../engine/formats/prompt-format';
import type { LanguageModel } from '../engine/types';
import { useTraceStore } from '../ui/state/trace-store';
import type { ModelCatalog } from './models/model-catalog';
import type { OpenedSolution } from './saved-solution';

export interface Replay {
  /** The replay model, while a saved solution stands in for the model. */
  current(): { model: LanguageModel; format: PromptFormat } | null;
  open(reading: Promise<OpenedSolution>): Promise<void>;
  drop(): void;
}

export function createReplay(
  models: Pick<ModelCatalog, 'find' | 'showReplay' | 'replayFailed'>,
): Replay {
  let replay: { model: LanguageModel; format: PromptFormat } | null = null;

  function adopt(opened: OpenedSolution) {
    void replay?.model.dispose();
    const format = getFormat(models.find(opened.solution.model ?? '')?.formatId ?? 'mathcoder');
    const model = createReplayModel(opened.solution, { format });
    replay = { model, format };
    models.showReplay({ label: opened.label });
    useTraceStore.getState().setProblem(opened.solution.problem);
  }

  return {
    current: () => replay,
    async open(reading) {
      try {
        adopt(await reading);
      } catch (error) {
        models.replayFailed(toEngineError(error, { fallback: 'bad-trace' }));
      }
    },
    drop() {
      void replay?.model.dispose();
      replay = null;
      models.showReplay(null);
    },
  };
}

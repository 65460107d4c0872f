import { useShallow } from 'zustand/react/shallow';
import { useHistoryStore } from '../state/history-store';
import { selectedModel, useModelStore } from '../state/model-store';
import { useTraceStore, type TraceBlock } from '../state/trace-store';
import { downloadFile } from './download-file';
import { useExportIntents, type ShownSolution, type SolutionFileKind } from './export-intents';
import './exports.css';

function useModelNames(): { label: string | null; id: string | undefined } {
  const historyLabel = useHistoryStore(
    (s) => s.items.find((item) => item.id === s.currentId)?.model ?? null,
  );
  const live = useModelStore(
    useShallow((s) => ({
      model: selectedModel(s),
      ready: s.load.status === 'ready' && s.playback === null,
    })),
  );
  const liveLabel = live.ready ? (live.model?.label ?? null) : null;
  return { label: historyLabel ?? liveLabel, id: live.ready ? live.model?.id : undefined };
}

const noBlocks: TraceBlock[] = [];

/** Downloads of the solution shown: Markdown, a Jupyter notebook, and this app's own file to open again. */
export function SolutionExports() {
  // Nothing shows while a solve streams, so its tokens do not re-render this.
  const { problem, blocks, answer, status } = useTraceStore(
    useShallow((s) =>
      s.status === 'solving'
        ? { problem: '', blocks: noBlocks, answer: null, status: s.status }
        : { problem: s.problem, blocks: s.blocks, answer: s.answer, status: s.status },
    ),
  );
  const model = useModelNames();
  const exports = useExportIntents();
  if (!exports || status === 'solving' || blocks.length === 0) return null;
  const solution: ShownSolution = {
    problem,
    blocks,
    answer,
    modelLabel: model.label,
    modelId: model.id,
  };
  const download = (kind: SolutionFileKind) => {
    const file = exports.solutionFile(kind, solution);
    downloadFile(file.name, file.text, file.type);
  };

  return (
    <section className="solution-exports" aria-label="Download this solution">
      <span className="muted">Download:</span>
      <button type="button" onClick={() => download('markdown')}>
        Markdown
      </button>
      <button type="button" onClick={() => download('notebook')}>
        Jupyter notebook
      </button>
      <button
        type="button"
        aria-describedby="saved-solution-hint"
        onClick={() => download('saved')}
      >
        Saved solution
      </button>
      <span id="saved-solution-hint" className="muted hint">
        (opens again with “Open saved solution”)
      </span>
    </section>
  );
}

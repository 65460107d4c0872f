// Edit & re-run and "continue from here": the sandbox runs the edited cells, the solve loop goes on from them.
import { rerunCells } from '../engine/editing/rerun-cells';
import { applyCodeEdit, continuePrefix, withCellOutput } from '../engine/editing/trace-edits';
import { isAbortError, toEngineError } from '../engine/errors';
import type { PromptFormat } from '../engine/formats/prompt-format';
import { PLAYBACK_CANNOT_CONTINUE } from '../engine/solve';
import type { CodeRunner } from '../engine/types';
import { useEditStore } from '../ui/state/edit-store';
import { useTraceStore, type TraceBlock } from '../ui/state/trace-store';
import type { OnSolveStart } from './solve-events';

export interface TraceEditingDeps {
  runner: CodeRunner;
  cellTimeoutMs?: number;
  /** The prompt format of the model in use, for the code exactly as its context holds it. */
  format(): PromptFormat;
  /** Whether a solve holds the sandbox and the trace. */
  solving(): boolean;
  /** What would continue the trace: a live model, a playback, or nothing loaded. */
  continuer(): 'live' | 'playback' | null;
  continueSolve(prefix: TraceBlock[], blockIdPrefix: string): void;
  onSolveStart: OnSolveStart;
}

const NO_MODEL =
  'Continuing needs a model to write the next steps: load one, then press Continue from here again.';

export function createTraceEditing(deps: TraceEditingDeps) {
  const trace = useTraceStore.getState;
  const edits = useEditStore.getState;
  let rerunning: AbortController | null = null;
  let finished: Promise<void> = Promise.resolve();
  let continuations = 0;

  // A new solve starts a new trace: offers and messages about the last one go.
  deps.onSolveStart(() => {
    if (!rerunning) edits().clear();
  });

  function rerun(blockId: string, code: string) {
    if (rerunning || deps.solving()) return;
    finished = runAgain(blockId, code);
  }

  async function runAgain(blockId: string, code: string) {
    const edited = applyCodeEdit(trace().blocks, blockId, code);
    if (!edited) return;
    const controller = new AbortController();
    rerunning = controller;
    edits().startRerun(blockId);
    trace().setBlocks(edited.blocks);
    try {
      const outputs = await rerunCells({
        blocks: edited.blocks,
        from: edited.from,
        runner: deps.runner,
        format: deps.format(),
        signal: controller.signal,
        cellTimeoutMs: deps.cellTimeoutMs,
        onCell: (index, output) => trace().setBlocks(withCellOutput(trace().blocks, index, output)),
      });
      const cells =
        outputs.size === 1 ? 'this cell' : `this cell and the ${outputs.size - 1} after it`;
      edits().endRerun(
        blockId,
        true,
        `Ran ${cells} again in a fresh namespace. Text after the edit is marked possibly stale.`,
      );
    } catch (error) {
      // Outputs it never reached stay unfinished, which reads as "Stopped" once nothing runs.
      edits().endRerun(
        blockId,
        false,
        isAbortError(error)
          ? 'The re-run was stopped.'
          : `The re-run failed: ${toEngineError(error, { source: 'sandbox' }).message}`,
      );
    } finally {
      rerunning = null;
    }
  }

  function continueFrom(blockId: string) {
    if (rerunning || deps.solving()) return;
    const prefix = continuePrefix(trace().blocks, blockId);
    if (!prefix) return;
    const who = deps.continuer();
    if (who !== 'live') {
      edits().say(blockId, who === 'playback' ? PLAYBACK_CANNOT_CONTINUE : NO_MODEL, 'info');
      return;
    }
    edits().clear();
    deps.continueSolve(
      prefix.map((b) => ({ ...b, done: true })),
      `continued-${++continuations}-`,
    );
  }

  return {
    busy: () => rerunning !== null,
    stop: () => rerunning?.abort(),
    /** Stops a re-run, if one is going, and calls `next` once the sandbox is free: a new solve wins over it. */
    stopThen(next: () => void) {
      // Synchronous when nothing re-runs, so a solve has started by the time its caller reads the state.
      if (!rerunning) return next();
      rerunning.abort();
      void finished.then(next);
    },
    intents: {
      rerunFrom: rerun,
      continueFrom,
    },
  };
}

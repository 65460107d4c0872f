import { useModelStore } from '../ui/state/model-store';
import { useSandboxStore } from '../ui/state/sandbox-store';
import type { OnSolveStart } from '../app/solve-events';
import { useTraceStore, type TraceState } from '../ui/state/trace-store';
import type { WidgetEvent } from './protocol';

/** Long outputs are cut so that one block always fits in a message. */
const MAX_BLOCK_TEXT = 16_000;

/** Turns solve starts and store changes into the host's events: progress, finished blocks, answers and errors. */
export function emitStoreEvents(
  emit: (event: WidgetEvent) => void,
  onSolveStart: OnSolveStart,
): () => void {
  const sent = new Set<string>();

  function sendFinishedBlocks(state: TraceState) {
    for (const block of state.blocks) {
      if (!block.done || sent.has(block.id)) continue;
      sent.add(block.id);
      emit({
        type: 'block',
        kind: block.kind,
        text: block.text.slice(0, MAX_BLOCK_TEXT),
        ...(block.execution
          ? { error: block.execution.error, timedOut: block.execution.timedOut }
          : {}),
      });
    }
  }

  // A continued solve sends the blocks it goes on from again, after its "Solving".
  const offStart = onSolveStart(() => {
    sent.clear();
    emit({ type: 'progress', stage: 'solve', fraction: 0, text: 'Solving' });
    sendFinishedBlocks(useTraceStore.getState());
  });

  const offTrace = useTraceStore.subscribe((state, previous) => {
    sendFinishedBlocks(state);
    if (state.status === previous.status) return;
    if (state.status === 'done') {
      emit({ type: 'progress', stage: 'solve', fraction: 1, text: 'Done' });
      if (state.answer !== null) {
        emit({ type: 'answer', problem: state.problem, answer: state.answer });
      }
    }
    if (state.status === 'failed' && state.error) emit({ type: 'error', error: state.error });
  });

  const offModel = useModelStore.subscribe((state, previous) => {
    const load = state.load;
    if (load !== previous.load) {
      if (load.status === 'loading') {
        emit({ type: 'progress', stage: 'model', fraction: load.fraction, text: load.text });
      } else if (load.status === 'ready') {
        emit({ type: 'progress', stage: 'model', fraction: 1, text: 'Model loaded' });
      } else if (load.status === 'failed') {
        emit({ type: 'error', error: load.error });
      }
    }
    if (state.playbackError && state.playbackError !== previous.playbackError) {
      emit({ type: 'error', error: state.playbackError });
    }
  });

  const offSandbox = useSandboxStore.subscribe((state, previous) => {
    if (state.status === previous.status && state.text === previous.text) return;
    if (state.status === 'starting') {
      emit({
        type: 'progress',
        stage: 'python',
        fraction: null,
        text: state.text || 'Starting Python',
      });
    } else if (state.status === 'ready' && previous.status === 'starting') {
      emit({ type: 'progress', stage: 'python', fraction: 1, text: 'Python is ready' });
    } else if (state.status === 'failed') {
      emit({ type: 'error', error: { code: 'sandbox-failed', message: state.text } });
    }
  });

  return () => {
    offStart();
    offTrace();
    offModel();
    offSandbox();
  };
}

/** Reports the widget's content height whenever it changes, so the host can size the iframe to fit. */
export function emitResize(element: Element, emit: (event: WidgetEvent) => void): () => void {
  let last = -1;
  const observer = new ResizeObserver(() => {
    const height = Math.ceil(element.getBoundingClientRect().height);
    if (height === last) return;
    last = height;
    emit({ type: 'resize', height });
  });
  observer.observe(element);
  return () => observer.disconnect();
}

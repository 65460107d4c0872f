import type { TutorIntents } from '../ui/intents';
import { useAnswerCheckStore } from '../ui/state/answer-check-store';
import { useModeStore } from '../ui/state/mode-store';
import { useTraceStore } from '../ui/state/trace-store';
import type { SolvedTrace } from '../app/solve-events';
import type { SolveResult, Theme, WidgetStats } from './protocol';
import { CommandError, type CommandHandlers } from './widget-bridge';

type TraceState = ReturnType<typeof useTraceStore.getState>;

/** Resolves with the trace once no solve is running (at once when none is). */
function settled(): Promise<TraceState> {
  return new Promise((resolve) => {
    const now = useTraceStore.getState();
    if (now.status !== 'solving') return resolve(now);
    const off = useTraceStore.subscribe((state) => {
      if (state.status === 'solving') return;
      off();
      resolve(state);
    });
  });
}

function toResult(state: Pick<SolvedTrace, 'status' | 'error' | 'answer'>): SolveResult {
  switch (state.status) {
    case 'failed':
      return {
        status: 'failed',
        error: state.error ?? { code: 'unknown', message: 'The solve could not finish.' },
      };
    case 'stopped':
      return { status: 'stopped' };
    default:
      return { status: 'done', answer: state.answer };
  }
}

export function applyTheme(theme: Theme, root: HTMLElement = document.documentElement): void {
  if (theme === 'auto') delete root.dataset.theme;
  else root.dataset.theme = theme;
}

/** The host's commands, carried out through the same intents as the widget's own buttons. */
export function widgetCommands(
  intents: TutorIntents,
  solve: (problem: string) => Promise<SolvedTrace | null>,
  stats: () => WidgetStats,
): CommandHandlers {
  return {
    async solve({ problem }) {
      const trace = useTraceStore.getState();
      if (trace.status === 'solving') {
        throw new CommandError('busy', 'A problem is already being solved; reset first.');
      }
      trace.setProblem(problem);
      // Null when a solve got there first: the answer is then the one it ends with.
      return toResult((await solve(problem)) ?? (await settled()));
    },
    'set-theme': ({ theme }) => {
      applyTheme(theme);
      return { theme };
    },
    async reset() {
      intents.stop();
      await settled();
      useTraceStore.getState().reset();
      useModeStore.getState().restart();
      useAnswerCheckStore.getState().clear();
      return {};
    },
    stats: () => stats(),
  };
}

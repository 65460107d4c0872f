import type { HistoryIntents } from '../../ui/history/history-intents';
import type { OnSolveStart } from '../solve-events';
import { setActiveHistory } from './active-history';
import { createHistory, type History } from './history-service';

/** Turns history on for the main app: saving every solve, and the list's intents. */
export function startHistory(onSolveStart: OnSolveStart): {
  history: History;
  intents: HistoryIntents;
} {
  const history = createHistory(onSolveStart);
  setActiveHistory(history);
  void history.start();
  return {
    history,
    intents: {
      open: (id) => void history.open(id),
      remove: (id) => void history.remove(id),
      clear: () => history.clear(),
    },
  };
}

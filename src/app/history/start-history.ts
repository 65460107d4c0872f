import type { HistoryIntents } from '../../ui/history/history-intents';
import type { OnAnswerChecked, OnSolveStart } from '../solve-events';
import { createHistory, type History } from './history-service';

/** Turns history on for the main app: saving every solve and the answers checked against it, and the list's intents. */
export function startHistory(
  onSolveStart: OnSolveStart,
  onAnswerChecked: OnAnswerChecked,
): {
  history: History;
  intents: HistoryIntents;
} {
  const history = createHistory(onSolveStart);
  onAnswerChecked((check) => {
    const id = history.currentEntryId();
    if (id) void history.addCheck(id, check);
  });
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

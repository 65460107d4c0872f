import type { HistoryIntents } from '../../ui/history/history-intents';
import { setActiveHistory } from './active-history';
import { createHistory, type History } from './history-service';

/** Turns history on for the main app: saving every solve, and the list's intents. */
export function startHistory(): { history: History; intents: HistoryIntents } {
  const history = createHistory();
  setActiveHistory(history);
  void history.start();
  return {
    history,
    intents: {
      open: (id) => void history.open(id),
      remove: (id) => void history.remove(id),
      clear: () => void history.clear(),
    },
  };
}

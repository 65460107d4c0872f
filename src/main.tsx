import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { readConfig } from './app/config';
import { createTutor } from './app/tutor';
import { startHistory } from './app/history/start-history';
import { App } from './ui/App';
import { IntentsContext } from './ui/intents';
import { HistoryIntentsContext } from './ui/history/history-intents';
import { followSettings } from './ui/settings/apply-settings';
import { createServiceWorkerUpdates } from './app/service-worker';
import { UpdateIntentsContext } from './ui/update-intents';
import { exportIntents } from './app/export-intents';
import { ExportIntentsContext } from './ui/exports/export-intents';

// Before the first render, so the page opens in the chosen theme and text size.
followSettings();
const tutor = createTutor(readConfig(window.location.search));
const firstChecks = tutor.start();
// History is the main app's alone: the embeddable widget neither reads nor shows it.
const history = startHistory(tutor.onSolveStart, tutor.onAnswerChecked);
// Keeps the app for offline use and offers new versions; the main app's alone, like history.
const updates = createServiceWorkerUpdates();
updates.start();
// The render benchmark's hook, loaded only when asked for.
if (new URLSearchParams(window.location.search).has('benchRender')) {
  void import('./app/render-bench').then((bench) => bench.exposeRenderBench());
}

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
// The first paint waits, briefly, for what the model panel says about this browser (usually tens of ms): shown
// later, it pushed the problem box down under a phone user's finger.
const FIRST_PAINT_WAIT_MS = 300;
const waited = new Promise((resolve) => setTimeout(resolve, FIRST_PAINT_WAIT_MS));
void Promise.race([firstChecks, waited]).then(() =>
  createRoot(root).render(
    <StrictMode>
      <IntentsContext value={tutor.intents}>
        <HistoryIntentsContext value={history.intents}>
          <UpdateIntentsContext value={{ updateApp: updates.apply }}>
            <ExportIntentsContext value={exportIntents}>
              <App />
            </ExportIntentsContext>
          </UpdateIntentsContext>
        </HistoryIntentsContext>
      </IntentsContext>
    </StrictMode>,
  ),
);

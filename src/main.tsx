import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { readConfig } from './app/config';
import { createTutor } from './app/tutor';
import { startHistory } from './app/history/start-history';
import { App } from './ui/App';
import { IntentsContext } from './ui/intents';
import { HistoryIntentsContext } from './ui/history/history-intents';

const tutor = createTutor(readConfig(window.location.search));
tutor.start();
// History is the main app's alone: the embeddable widget neither reads nor shows it.
const history = startHistory();

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
createRoot(root).render(
  <StrictMode>
    <IntentsContext value={tutor.intents}>
      <HistoryIntentsContext value={history.intents}>
        <App />
      </HistoryIntentsContext>
    </IntentsContext>
  </StrictMode>,
);

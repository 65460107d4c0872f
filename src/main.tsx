import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { readConfig } from './app/config';
import { createTutor } from './app/tutor';
import { App } from './ui/App';
import { IntentsContext } from './ui/intents';

const tutor = createTutor(readConfig(window.location.search));
tutor.start();

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
createRoot(root).render(
  <StrictMode>
    <IntentsContext value={tutor.intents}>
      <App />
    </IntentsContext>
  </StrictMode>,
);

import { SolutionExports } from './exports/SolutionExports';
import { HistoryPanel } from './history/HistoryPanel';
import { ModelPanel } from './models/ModelPanel';
import { OfflineStatus } from './OfflineStatus';
import { ProblemForm } from './ProblemForm';
import { Solution } from './Solution';
import { UpdatePrompt } from './UpdatePrompt';
import { DisplaySettings } from './settings/DisplaySettings';
import './app.css';

export function App() {
  return (
    <div className="app">
      <header className="app-header">
        <div className="brand">
          <h1>MathCoder Tutor</h1>
          <p className="muted">Reasons in words, checks with Python, all in your browser.</p>
          <DisplaySettings />
        </div>
        <ModelPanel />
      </header>
      <main className="app-main">
        <ProblemForm />
        <Solution />
        <SolutionExports />
        <HistoryPanel />
      </main>
      <OfflineStatus />
      <UpdatePrompt />
    </div>
  );
}

import { SolutionExports } from './exports/SolutionExports';
import { HistoryPanel } from './history/HistoryPanel';
import { ModelPanel } from './models/ModelPanel';
import { OfflineStatus } from './OfflineStatus';
import { PanelBoundary } from './PanelBoundary';
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
          <PanelBoundary name="The display settings">
            <DisplaySettings />
          </PanelBoundary>
        </div>
        <PanelBoundary name="The model panel">
          <ModelPanel />
        </PanelBoundary>
      </header>
      <main className="app-main">
        <PanelBoundary name="The problem box">
          <ProblemForm />
        </PanelBoundary>
        <PanelBoundary name="The solution">
          <Solution />
        </PanelBoundary>
        <PanelBoundary name="The downloads">
          <SolutionExports />
        </PanelBoundary>
        <PanelBoundary name="The history">
          <HistoryPanel />
        </PanelBoundary>
      </main>
      <PanelBoundary name="The offline status">
        <OfflineStatus />
      </PanelBoundary>
      <PanelBoundary name="The update prompt">
        <UpdatePrompt />
      </PanelBoundary>
    </div>
  );
}

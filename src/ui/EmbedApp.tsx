import { ModelPanel } from './models/ModelPanel';
import { PanelBoundary } from './PanelBoundary';
import { ProblemForm } from './ProblemForm';
import { Solution } from './Solution';
import './app.css';
// The same light and dark themes as the app's Display settings, chosen here by the host (data-theme).
import './settings/settings.css';
import './embed.css';

/** The widget's compact layout for iframes: the problem, the model to load, the trace and its answer. */
export function EmbedApp() {
  return (
    <main className="embed" aria-label="MathCoder Tutor">
      {/* Screen readers still get a page title; the host page shows its own. */}
      <h1 className="visually-hidden">MathCoder Tutor</h1>
      <PanelBoundary name="The problem box">
        <ProblemForm />
      </PanelBoundary>
      <PanelBoundary name="The model panel">
        <ModelPanel />
      </PanelBoundary>
      <PanelBoundary name="The solution">
        <Solution />
      </PanelBoundary>
      <p className="embed-credit muted">
        MathCoder Tutor: the model and Python run in your browser; nothing you type leaves it.
      </p>
    </main>
  );
}

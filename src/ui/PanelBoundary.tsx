import { Component, type ErrorInfo, type ReactNode } from 'react';
import { ClearHistory } from './history/ClearHistory';
import { useHistoryIntents } from './history/history-intents';

interface PanelBoundaryProps {
  /** The part of the page, as the message names it: "The history", "The solution". */
  name: string;
  children: ReactNode;
}

/** Keeps a fault in one part of the page to that part: the rest stays usable, and so does Clear history. */
export class PanelBoundary extends Component<PanelBoundaryProps, { error: Error | null }> {
  override state = { error: null as Error | null };

  static getDerivedStateFromError(error: unknown) {
    return { error: error instanceof Error ? error : new Error(String(error)) };
  }

  override componentDidCatch(error: unknown, info: ErrorInfo) {
    console.error(`${this.props.name} could not be shown:`, error, info.componentStack);
  }

  override render() {
    const { error } = this.state;
    if (!error) return this.props.children;
    return (
      <PanelFailed
        name={this.props.name}
        message={error.message}
        onRetry={() => this.setState({ error: null })}
      />
    );
  }
}

function PanelFailed({
  name,
  message,
  onRetry,
}: {
  name: string;
  message: string;
  onRetry(): void;
}) {
  const history = useHistoryIntents();
  return (
    <div className="error-message panel-failed" role="alert">
      <strong>{name} could not be shown.</strong>
      <p>
        The rest of the page still works. A damaged saved problem can cause this; clearing the
        history removes it. ({message})
      </p>
      <button type="button" onClick={onRetry}>
        Try again
      </button>{' '}
      {history && (
        <ClearHistory
          count={null}
          label="Clear history"
          onClear={() => void Promise.resolve(history.clear()).then(onRetry)}
        />
      )}
    </div>
  );
}

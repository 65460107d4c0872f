import { useTraceStore, type TraceStatus } from './state/trace-store';

const statusText: Record<TraceStatus, string> = {
  idle: '',
  solving: 'Solving…',
  done: 'Done.',
  stopped: 'Stopped.',
  failed: 'Could not finish.',
};

/**
 * Reads the store directly, not once a frame like the trace: a solve starts or ends a few times a session, and the
 * line must never show the last solve's outcome after Solve is pressed.
 */
export function SolveStatus() {
  const status = useTraceStore((s) => s.status);
  return (
    <p className={`solve-status status-${status}`} role="status" aria-label="Solve status">
      {statusText[status]}
    </p>
  );
}

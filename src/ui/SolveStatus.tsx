import { useLiveTokenRate } from './live-token-rate';
import { useTraceStore, type TraceStatus } from './state/trace-store';

const statusText: Record<TraceStatus, string> = {
  idle: '',
  solving: 'Solving…',
  done: 'Done.',
  stopped: 'Stopped.',
  failed: 'Could not finish.',
};

/** One decimal below 10 tokens/s, where a CPU runs a 7B model, whole numbers above. */
export function formatTokenRate(rate: number): string {
  return `${rate < 10 ? rate.toFixed(1) : Math.round(rate)} tokens/s`;
}

/**
 * Reads the store directly, not once a frame like the trace: a solve starts or ends a few times a session, and the
 * line must never show the last solve's outcome after Solve is pressed.
 */
export function SolveStatus() {
  const status = useTraceStore((s) => s.status);
  const rate = useLiveTokenRate(status === 'solving');
  return (
    <div className="solve-status-line">
      <p className={`solve-status status-${status}`} role="status" aria-label="Solve status">
        {statusText[status]}
      </p>
      {status === 'solving' && rate !== null && (
        <p className="solve-status" aria-label="Writing speed">
          writing at {formatTokenRate(rate)}
        </p>
      )}
    </div>
  );
}

import { capOutput } from './cap-output.ts';
import type { ExecutionInfo } from './trace-block.ts';

const TRACEBACK = /^Traceback \(most recent call last\):/m;

type Status = 'running' | 'stopped' | 'timeout' | 'error' | 'ok';

const labels: Record<Status, string> = {
  running: 'Running…',
  stopped: 'Stopped',
  timeout: 'Timed out',
  error: 'Error',
  ok: 'Output',
};

interface ExecutionBlockProps {
  text: string;
  done: boolean;
  live: boolean;
  execution?: ExecutionInfo;
}

export function ExecutionBlock({ text, done, live, execution }: ExecutionBlockProps) {
  const status = statusOf(text, done, live, execution);
  const { head, tail, hiddenChars } = capOutput(text);
  const duration = done && execution ? formatDuration(execution.durationMs) : null;
  return (
    <figure
      className={`trace-block trace-execution trace-execution--${status}`}
      data-block="execution"
      data-done={done ? 'true' : 'false'}
      data-status={status}
      aria-label={`Python output: ${labels[status]}`}
    >
      <figcaption className="trace-label">
        <span className="trace-status">{labels[status]}</span>
        {duration && <span className="trace-duration">{duration}</span>}
      </figcaption>
      {text === '' ? (
        done && <p className="trace-muted">(no output)</p>
      ) : (
        <pre className="trace-pre" tabIndex={0}>
          {head}
          {hiddenChars > 0 && (
            <span className="trace-hidden-note">
              {`\n… ${hiddenChars.toLocaleString('en-US')} characters hidden …\n`}
            </span>
          )}
          {tail}
        </pre>
      )}
    </figure>
  );
}

function statusOf(text: string, done: boolean, live: boolean, execution?: ExecutionInfo): Status {
  if (!done) return live ? 'running' : 'stopped';
  if (execution?.timedOut) return 'timeout';
  if (execution?.error) return 'error';
  // A saved solution carries output text only, so a traceback is how its errors show.
  if (!execution && TRACEBACK.test(text)) return 'error';
  return 'ok';
}

function formatDuration(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`;
}

import { useSandboxStore, type SandboxPhase } from './state/sandbox-store';

const words: Record<SandboxPhase, string> = {
  starting: 'starting…',
  ready: 'ready',
  busy: 'running…',
  restarting: 'restarting…',
  failed: 'failed',
};

export function SandboxStatus() {
  const { status, text } = useSandboxStore();
  return (
    <p className={`status-pill status-${status}`} role="status" aria-label="Python status">
      Python: {status === 'starting' && text ? text : words[status]}
      {(status === 'restarting' || status === 'ready') && text && <span> {text}</span>}
    </p>
  );
}

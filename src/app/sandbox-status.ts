import type { PythonSandbox, SandboxStatus } from '../sandbox/python-sandbox';
import { useSandboxStore } from '../ui/state/sandbox-store';

function toStore(
  status: SandboxStatus,
): Parameters<ReturnType<typeof useSandboxStore.getState>['setStatus']> {
  switch (status.state) {
    case 'idle':
      return ['starting'];
    case 'starting':
      return ['starting', status.progress];
    case 'ready':
      return ['ready', status.note];
    case 'busy':
      return [status.state];
    case 'restarting':
      return ['restarting', status.reason];
    case 'failed':
      return ['failed', status.message];
  }
}

export function mirrorSandboxStatus(sandbox: PythonSandbox): () => void {
  const store = useSandboxStore.getState;
  const stopStatus = sandbox.onStatus((status) => store().setStatus(...toStore(status)));
  const stopLoading = sandbox.onLoading((loading) => store().setLoading(loading));
  return () => {
    stopStatus();
    stopLoading();
  };
}

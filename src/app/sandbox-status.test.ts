import { describe, expect, it } from 'vitest';
import type { PythonSandbox, SandboxStatus } from '../sandbox/python-sandbox';
import { useSandboxStore } from '../ui/state/sandbox-store';
import { mirrorSandboxStatus } from './sandbox-status';

function fakeSandbox() {
  let listener: (status: SandboxStatus) => void = () => {};
  let loadingListener: (loading: boolean) => void = () => {};
  const sandbox = {
    onStatus(next: (status: SandboxStatus) => void) {
      listener = next;
      return () => {};
    },
    onLoading(next: (loading: boolean) => void) {
      loadingListener = next;
      return () => {};
    },
  } as unknown as PythonSandbox;
  return {
    sandbox,
    emit: (status: SandboxStatus) => listener(status),
    emitLoading: (loading: boolean) => loadingListener(loading),
  };
}

describe('mirrorSandboxStatus', () => {
  it("keeps the ready status's note, which says when each problem waits for a fresh Python", () => {
    const { sandbox, emit } = fakeSandbox();
    mirrorSandboxStatus(sandbox);
    emit({ state: 'ready', note: 'This device is short of memory.' });
    expect(useSandboxStore.getState()).toMatchObject({
      status: 'ready',
      text: 'This device is short of memory.',
    });
    emit({ state: 'ready' });
    expect(useSandboxStore.getState()).toMatchObject({ status: 'ready', text: '' });
  });

  it('mirrors whether a Python worker is still loading, which the update waits for', () => {
    const { sandbox, emitLoading } = fakeSandbox();
    mirrorSandboxStatus(sandbox);
    emitLoading(true);
    expect(useSandboxStore.getState().loading).toBe(true);
    emitLoading(false);
    expect(useSandboxStore.getState().loading).toBe(false);
  });
});

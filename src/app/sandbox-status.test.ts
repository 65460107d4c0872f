import { describe, expect, it } from 'vitest';
import type { PythonSandbox, SandboxStatus } from '../sandbox/python-sandbox';
import { useSandboxStore } from '../ui/state/sandbox-store';
import { mirrorSandboxStatus } from './sandbox-status';

function fakeSandbox() {
  let listener: (status: SandboxStatus) => void = () => {};
  const sandbox = {
    onStatus(next: (status: SandboxStatus) => void) {
      listener = next;
      return () => {};
    },
  } as unknown as PythonSandbox;
  return { sandbox, emit: (status: SandboxStatus) => listener(status) };
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
});

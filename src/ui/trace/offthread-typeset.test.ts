import { afterEach, describe, expect, it, vi } from 'vitest';
import { OffThreadTypesetter } from './offthread-typeset.ts';
import type { TypesetReply, TypesetRequest, TypesetWorker } from './offthread-typeset.ts';

class FakeWorker implements TypesetWorker {
  requests: TypesetRequest[] = [];
  terminated = false;
  onmessage: ((event: MessageEvent<TypesetReply>) => void) | null = null;
  onerror: ((event: ErrorEvent) => void) | null = null;
  postMessage(request: TypesetRequest): void {
    this.requests.push(request);
  }
  terminate(): void {
    this.terminated = true;
  }
  reply(html: string | null): void {
    const request = this.requests.shift()!;
    this.onmessage?.({ data: { id: request.id, html } } as MessageEvent<TypesetReply>);
  }
}

function typesetter(limits = { insertChars: 100, timeMs: 1_000 }) {
  const workers: FakeWorker[] = [];
  const announce = vi.fn();
  const instance = new OffThreadTypesetter(
    () => {
      const worker = new FakeWorker();
      workers.push(worker);
      return worker;
    },
    announce,
    limits,
  );
  return { instance, workers, announce };
}

afterEach(() => vi.useRealTimers());

describe('OffThreadTypesetter', () => {
  it('sends a formula once, one at a time, and keeps what came back', () => {
    const { instance, workers, announce } = typesetter();
    expect(instance.result('\\sqrt{x}', false)).toBeUndefined();
    expect(instance.result('\\sqrt{x}', false)).toBeUndefined();
    expect(instance.result('y', true)).toBeUndefined();
    const worker = workers[0]!;
    expect(worker.requests.map((r) => r.tex)).toEqual(['\\sqrt{x}']);
    worker.reply('<span class="katex">x</span>');
    expect(announce).toHaveBeenCalledTimes(1);
    expect(instance.result('\\sqrt{x}', false)).toEqual({
      kind: 'typeset',
      html: '<span class="katex">x</span>',
    });
    expect(worker.requests.map((r) => r.tex)).toEqual(['y']);
    worker.reply(null);
    expect(instance.result('y', true)).toEqual({ kind: 'invalid' });
    expect(workers).toHaveLength(1);
  });

  it('keeps HTML over the insert budget out of the page', () => {
    const { instance, workers } = typesetter({ insertChars: 10, timeMs: 1_000 });
    instance.result('big', false);
    workers[0]!.reply('<span>'.repeat(10));
    expect(instance.result('big', false)).toEqual({ kind: 'too-large' });
  });

  it('gives up on a formula past the time budget and hands the rest to a fresh worker', () => {
    vi.useFakeTimers();
    const { instance, workers, announce } = typesetter({ insertChars: 100, timeMs: 1_000 });
    instance.result('slow', false);
    instance.result('next', false);
    vi.advanceTimersByTime(1_000);
    expect(instance.result('slow', false)).toEqual({ kind: 'too-large' });
    expect(announce).toHaveBeenCalledTimes(1);
    expect(workers[0]!.terminated).toBe(true);
    expect(workers[1]!.requests.map((r) => r.tex)).toEqual(['next']);
    workers[1]!.reply('<b>n</b>');
    expect(instance.result('next', false)).toEqual({ kind: 'typeset', html: '<b>n</b>' });
  });

  it('shows a large formula as too large where no worker can start, never typesetting it on the page', () => {
    const announce = vi.fn();
    const instance = new OffThreadTypesetter(() => null, announce);
    expect(instance.result('big', false)).toEqual({ kind: 'too-large' });
    expect(announce).not.toHaveBeenCalled();
  });
});

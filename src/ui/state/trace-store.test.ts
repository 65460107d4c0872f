import { beforeEach, describe, expect, it } from 'vitest';
import type { TraceEvent } from '../../engine/types';
import { useTraceStore } from './trace-store';

const initial = useTraceStore.getState();
const apply = (...events: TraceEvent[]) => events.forEach(useTraceStore.getState().applyEvent);

describe('trace store', () => {
  beforeEach(() => {
    useTraceStore.setState(initial, true);
    useTraceStore.getState().setProblem('Sum the roots of x^2 - x - 6.');
    useTraceStore.getState().start();
  });

  it('starts a solve with an empty trace and keeps the problem', () => {
    apply({ type: 'answer', text: 'old' });
    useTraceStore.getState().start();
    const s = useTraceStore.getState();
    expect(s).toMatchObject({ status: 'solving', blocks: [], answer: null, error: null });
    expect(s.problem).toBe('Sum the roots of x^2 - x - 6.');
  });

  it('appends deltas to the block they name', () => {
    apply(
      { type: 'block-start', id: 't1', kind: 'text' },
      { type: 'block-delta', id: 't1', text: 'Let us ' },
      { type: 'block-delta', id: 't1', text: 'solve.' },
      { type: 'block-end', id: 't1' },
      { type: 'block-start', id: 'c1', kind: 'code' },
      { type: 'block-delta', id: 'c1', text: 'x = 1' },
    );
    expect(useTraceStore.getState().blocks).toEqual([
      { id: 't1', kind: 'text', text: 'Let us solve.', done: true },
      { id: 'c1', kind: 'code', text: 'x = 1', done: false },
    ]);
  });

  it('leaves untouched blocks as the same objects so their views need not re-render', () => {
    apply({ type: 'block-start', id: 't1', kind: 'text' }, { type: 'block-end', id: 't1' });
    const first = useTraceStore.getState().blocks[0];
    apply(
      { type: 'block-start', id: 'c1', kind: 'code' },
      { type: 'block-delta', id: 'c1', text: 'x' },
    );
    expect(useTraceStore.getState().blocks[0]).toBe(first);
  });

  it('records an execution result on the block that ends', () => {
    const execution = { error: true, timedOut: false, durationMs: 12 };
    apply(
      { type: 'block-start', id: 'e1', kind: 'execution' },
      { type: 'block-delta', id: 'e1', text: "NameError: name 'y' is not defined" },
      { type: 'block-end', id: 'e1', execution },
    );
    expect(useTraceStore.getState().blocks[0]).toMatchObject({ done: true, execution });
  });

  it('ignores events for blocks it does not know', () => {
    const before = useTraceStore.getState().blocks;
    apply({ type: 'block-delta', id: 'nope', text: 'x' }, { type: 'block-end', id: 'nope' });
    expect(useTraceStore.getState().blocks).toBe(before);
  });

  it('keeps the answer, notices and latest usage', () => {
    const usage = { promptTokens: 10, completionTokens: 5 };
    apply(
      { type: 'notice', code: 'output-truncated', message: 'Output cut to 2,000 characters.' },
      { type: 'usage', usage, pythonMs: 3 },
      { type: 'usage', usage: { ...usage, completionTokens: 9 }, pythonMs: 7 },
      { type: 'answer', text: '1' },
    );
    const s = useTraceStore.getState();
    expect(s.answer).toBe('1');
    expect(s.notices).toEqual([
      { code: 'output-truncated', message: 'Output cut to 2,000 characters.' },
    ]);
    expect(s.usage).toEqual({ usage: { promptTokens: 10, completionTokens: 9 }, pythonMs: 7 });
  });

  it('keeps how many blocks the model no longer reads, and forgets it on the next solve', () => {
    apply(
      { type: 'context-trimmed', leftOutBlocks: 2 },
      { type: 'context-trimmed', leftOutBlocks: 4 },
    );
    expect(useTraceStore.getState().leftOutBlocks).toBe(4);
    useTraceStore.getState().start();
    expect(useTraceStore.getState().leftOutBlocks).toBe(0);
  });

  it('closes open blocks when stopped', () => {
    apply(
      { type: 'block-start', id: 't1', kind: 'text' },
      { type: 'block-delta', id: 't1', text: 'Hal' },
    );
    useTraceStore.getState().finish({ status: 'stopped' });
    const s = useTraceStore.getState();
    expect(s.status).toBe('stopped');
    expect(s.blocks[0]).toMatchObject({ text: 'Hal', done: true });
  });

  it('takes the outcome answer and marks a capped solve', () => {
    useTraceStore.getState().finish({ status: 'capped', answer: '42' });
    expect(useTraceStore.getState()).toMatchObject({ status: 'done', capped: true, answer: '42' });
  });

  it('keeps a streamed answer when the outcome has none', () => {
    apply({ type: 'answer', text: '7' });
    useTraceStore.getState().finish({ status: 'finished', answer: null });
    expect(useTraceStore.getState()).toMatchObject({ status: 'done', answer: '7' });
  });

  it('records a failure with its error', () => {
    const error = { code: 'sandbox-failed' as const, message: 'Python crashed.' };
    useTraceStore.getState().finish({ status: 'failed', error });
    expect(useTraceStore.getState()).toMatchObject({ status: 'failed', error });
    useTraceStore.getState().start();
    expect(useTraceStore.getState().error).toBeNull();
  });
});

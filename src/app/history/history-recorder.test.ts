import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { useTraceStore } from '../../ui/state/trace-store';
import type { HistoryRecord } from './history-entry';
import { recordSolves, type Recorder } from './history-recorder';
import { solveStarts } from '../solve-events';

const initial = useTraceStore.getState();
const trace = useTraceStore.getState;
// Solves start as the tutor starts them: the store is reset, then the start is announced.
const starts = solveStarts();
const start = () => {
  trace().start();
  starts.announce({ resumed: false });
};
const resume = (blocks: ReturnType<typeof trace>['blocks']) => {
  trace().resume(blocks);
  starts.announce({ resumed: true });
};

let saved: HistoryRecord[];
let removed: string[];
let recorder: Recorder;
let ids: number;

beforeEach(() => {
  vi.useFakeTimers();
  useTraceStore.setState(initial, true);
  saved = [];
  removed = [];
  ids = 0;
  recorder = recordSolves(useTraceStore, starts.on, {
    save: async (r) => void saved.push(r),
    remove: async (id) => void removed.push(id),
    modelLabel: () => 'Test model',
    onSaved: () => undefined,
    onRemoved: () => undefined,
    onError: (e) => {
      throw e;
    },
    throttleMs: 100,
    now: () => 5000,
    newId: () => `entry-${++ids}`,
  });
});

afterEach(() => {
  recorder.stop();
  vi.useRealTimers();
});

async function settle() {
  await vi.runAllTimersAsync();
}

describe('history recorder', () => {
  it('saves a solve as it starts, batches streaming writes, and saves the end', async () => {
    trace().setProblem('What is 6 * 7?');
    start();
    await settle();
    expect(saved).toHaveLength(1);
    expect(saved[0]).toMatchObject({ id: 'entry-1', status: 'solving', problem: 'What is 6 * 7?' });

    trace().applyEvent({ type: 'block-start', id: 'c1', kind: 'code' });
    for (const t of ['6', ' *', ' 7'])
      trace().applyEvent({ type: 'block-delta', id: 'c1', text: t });
    expect(saved).toHaveLength(1);
    await settle();
    expect(saved).toHaveLength(2);
    expect(saved[1]?.blocks).toEqual([{ id: 'c1', kind: 'code', text: '6 * 7' }]);

    trace().applyEvent({ type: 'block-end', id: 'c1' });
    trace().applyEvent({ type: 'answer', text: '42' });
    trace().finish({ status: 'finished', answer: '42' });
    await settle();
    expect(saved.at(-1)).toMatchObject({ status: 'done', answer: '42', model: 'Test model' });
    expect(recorder.liveId()).toBeNull();
    expect(recorder.currentId()).toBe('entry-1');
  });

  it('flushes the running solve at once when asked (the tab is closing)', async () => {
    start();
    await settle();
    trace().applyEvent({ type: 'block-start', id: 't1', kind: 'text' });
    trace().applyEvent({ type: 'block-delta', id: 't1', text: 'Half a thought' });
    await recorder.flush();
    expect(saved.at(-1)?.blocks[0]?.text).toBe('Half a thought');
    expect(saved.at(-1)?.status).toBe('solving');
  });

  it('knows when its last change is not stored: batched or failed', async () => {
    start();
    await settle();
    expect(recorder.unsaved()).toBeNull();
    trace().applyEvent({ type: 'block-start', id: 't1', kind: 'text' });
    // Batched, not yet written.
    expect(recorder.unsaved()?.blocks).toEqual([{ id: 't1', kind: 'text', text: '' }]);
    await settle();
    expect(recorder.unsaved()).toBeNull();
    recorder.stop();

    // A recorder whose writes fail (a full disk): the change stays unsaved after the write is done with.
    const held = recordSolves(useTraceStore, starts.on, {
      save: () => Promise.reject(new Error('full')),
      remove: async () => undefined,
      modelLabel: () => null,
      onSaved: () => undefined,
      onRemoved: () => undefined,
      onError: () => undefined,
      now: () => 6000,
      newId: () => 'held',
    });
    try {
      start();
      trace().finish({ status: 'finished', answer: '7' });
      await settle();
      expect(held.unsaved()).toMatchObject({ id: 'held', status: 'done', answer: '7' });
    } finally {
      held.stop();
    }
  });

  it('gives each solve its own entry', async () => {
    start();
    trace().finish({ status: 'stopped' });
    start();
    trace().fail({ code: 'sandbox-failed', message: 'Python stopped' });
    await settle();
    expect(saved.filter((r) => r.status !== 'solving').map((r) => [r.id, r.status])).toEqual([
      ['entry-1', 'stopped'],
      ['entry-2', 'failed'],
    ]);
  });

  it('saves later edits of the trace (a re-run cell) into the same entry, keeping how it ended', async () => {
    start();
    trace().applyEvent({ type: 'block-start', id: 'c1', kind: 'code' });
    trace().applyEvent({ type: 'block-delta', id: 'c1', text: '1 + 1' });
    trace().finish({ status: 'finished', answer: '2' });
    await settle();
    const count = saved.length;
    useTraceStore.setState({ blocks: [{ id: 'c1', kind: 'code', text: '2 + 2', done: true }] });
    await settle();
    expect(saved).toHaveLength(count + 1);
    expect(saved.at(-1)).toMatchObject({ id: 'entry-1', status: 'done' });
    expect(saved.at(-1)?.blocks[0]?.text).toBe('2 + 2');
  });

  it('continues a solve from blocks on screen in the same entry, and a fresh solve in a new one', async () => {
    start();
    trace().applyEvent({ type: 'block-start', id: 't1', kind: 'text' });
    trace().finish({ status: 'stopped' });
    resume(trace().blocks);
    expect(recorder.liveId()).toBe('entry-1');
    trace().finish({ status: 'finished', answer: '3' });
    start();
    expect(recorder.liveId()).toBe('entry-2');
    await settle();
  });

  it('writes nothing for a trace put on screen while detached, then follows the attached entry', async () => {
    start();
    trace().finish({ status: 'finished', answer: '1' });
    await settle();
    const count = saved.length;
    recorder.attach(null);
    useTraceStore.setState({ blocks: [{ id: 'x', kind: 'text', text: 'opened', done: true }] });
    await settle();
    expect(saved).toHaveLength(count);
    recorder.attach({ id: 'old', createdAt: 1, model: 'Other', status: 'interrupted' });
    useTraceStore.setState({ answer: '7' });
    await settle();
    expect(saved.at(-1)).toMatchObject({
      id: 'old',
      status: 'interrupted',
      answer: '7',
      createdAt: 1,
    });
  });

  it('keeps nothing when Solve was pressed with no model loaded', async () => {
    start();
    trace().fail({ code: 'model-not-loaded', message: 'Load a model first' });
    await settle();
    expect(removed).toEqual(['entry-1']);
    expect(recorder.currentId()).toBeNull();
  });

  it('reports a failed write and keeps recording', async () => {
    const errors: unknown[] = [];
    recorder.stop();
    let fail = true;
    recorder = recordSolves(useTraceStore, starts.on, {
      save: async (r) => {
        if (fail) throw new DOMException('full', 'QuotaExceededError');
        saved.push(r);
      },
      remove: async () => undefined,
      modelLabel: () => null,
      onSaved: () => undefined,
      onRemoved: () => undefined,
      onError: (e) => void errors.push(e),
      throttleMs: 100,
    });
    start();
    await settle();
    expect(errors).toHaveLength(1);
    fail = false;
    trace().finish({ status: 'finished', answer: '1' });
    await settle();
    expect(saved.at(-1)?.status).toBe('done');
  });
});

import { describe, expect, it } from 'vitest';
import type { TraceBlock } from '../types';
import { applyCodeEdit, continuePrefix, withCellOutput } from './trace-edits';

const block = (id: string, kind: TraceBlock['kind'], text: string): TraceBlock => ({
  id,
  kind,
  text,
  done: true,
});

const trace: TraceBlock[] = [
  block('t1', 'text', 'Set a.'),
  block('c1', 'code', 'a = 2'),
  block('e1', 'execution', ''),
  block('t2', 'text', 'Now b.'),
  block('c2', 'code', 'a * 3'),
  block('t3', 'text', 'It failed? No output block was kept.'),
  block('c3', 'code', 'a * 4'),
  block('e3', 'execution', '8'),
  block('t4', 'text', 'So \\boxed{8}.'),
];

describe('applyCodeEdit', () => {
  it('changes the cell, waits for every later output (adding missing ones) and marks only later prose stale', () => {
    const edited = applyCodeEdit(trace, 'c2', 'a * 5')!;
    expect(edited.from).toBe(4);
    expect(edited.blocks.map((b) => [b.id, b.text, b.done, b.stale ?? false])).toEqual([
      ['t1', 'Set a.', true, false],
      ['c1', 'a = 2', true, false],
      ['e1', '', true, false],
      ['t2', 'Now b.', true, false],
      ['c2', 'a * 5', true, false],
      ['c2-output', '', false, false],
      ['t3', 'It failed? No output block was kept.', true, true],
      ['c3', 'a * 4', true, false],
      ['e3', '', false, false],
      ['t4', 'So \\boxed{8}.', true, true],
    ]);
    expect(edited.blocks[4]!.edited).toBe(true);
    expect(applyCodeEdit(trace, 't1', 'x')).toBeNull();
  });

  it('puts each new output after its own cell', () => {
    const { blocks } = applyCodeEdit(trace, 'c2', 'a * 5')!;
    const shown = withCellOutput(blocks, 4, {
      text: '10\n',
      error: false,
      timedOut: false,
      durationMs: 3,
    });
    expect(shown[5]).toMatchObject({ text: '10', done: true, execution: { error: false } });
    expect(shown[8]!.done).toBe(false);
  });
});

describe('continuePrefix', () => {
  it('keeps the trace up to and including the cell and its output', () => {
    expect(continuePrefix(trace, 'c1')!.map((b) => b.id)).toEqual(['t1', 'c1', 'e1']);
    expect(continuePrefix(trace, 'c2')!.map((b) => b.id)).toEqual(['t1', 'c1', 'e1', 't2', 'c2']);
    expect(continuePrefix(trace, 'nope')).toBeNull();
  });
});

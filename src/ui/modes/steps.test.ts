import { describe, expect, it } from 'vitest';
import type { TraceBlock } from '../trace/trace-block';
import { nextProse, stepsOf } from './steps';

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

describe('steps', () => {
  it('groups a code cell with its output, and hints at the next prose only', () => {
    expect(stepsOf(trace).map((s) => trace.slice(s.start, s.end).map((b) => b.id))).toEqual([
      ['t1'],
      ['c1', 'e1'],
      ['t2'],
      ['c2'],
      ['t3'],
      ['c3', 'e3'],
      ['t4'],
    ]);
    expect(nextProse(trace, 4)?.id).toBe('t3');
    expect(nextProse(trace, 6)?.id).toBe('t4');
    expect(nextProse(trace, 9)).toBeNull();
  });
});

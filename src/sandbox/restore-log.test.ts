import { describe, expect, it } from 'vitest';
import { RestoreLog } from './restore-log';

function logOf(...codes: string[]) {
  const log = new RestoreLog();
  codes.forEach((code, i) => log.keep(10 + i, log.number(), code));
  return log;
}

describe('RestoreLog', () => {
  it('numbers cells as In[] does and restores the ones it kept, with their numbers', () => {
    const log = new RestoreLog();
    expect(log.needed).toBe(false);
    log.keep(1, log.number(), 'x = 1');
    log.number(); // a cell that failed: numbered, not kept
    log.keep(3, log.number(), 'y = x');
    expect(log.needed).toBe(true);
    expect(log.message(9)).toEqual({
      kind: 'restore',
      id: 9,
      cells: [
        { number: 1, code: 'x = 1' },
        { number: 3, code: 'y = x' },
      ],
      executionCount: 3,
    });
  });

  it('gives back the number of a cell that never began', () => {
    const log = new RestoreLog();
    log.number();
    log.unnumber();
    expect(log.number()).toBe(1);
  });

  it('forgets the cell that broke the worker: by id, else the last; an unknown id drops them all', () => {
    const log = logOf('a = 1', 'b = 2', 'c = 3');
    log.forget(11);
    expect(log.message(0).cells.map((c) => c.code)).toEqual(['a = 1', 'c = 3']);
    log.forget(null);
    expect(log.message(0).cells.map((c) => c.code)).toEqual(['a = 1']);
    log.forget(99);
    expect(log.message(0)).toMatchObject({ cells: [], executionCount: 0 });
  });

  it('drops only the cells after a restore that hung, and everything for a new problem', () => {
    const log = logOf('a = 1', 'b = 2');
    log.dropCells();
    expect(log.message(0)).toMatchObject({ cells: [], executionCount: 2 });
    log.clear();
    expect(log.needed).toBe(false);
  });
});

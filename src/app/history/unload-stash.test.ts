import { describe, expect, it } from 'vitest';
import { record } from './test-record';
import { createUnloadStash } from './unload-stash';

/** localStorage's interface over a Map; `full` makes every write throw as a full quota does. */
class MemoryStorage implements Storage {
  readonly items = new Map<string, string>();
  full = false;
  get length() {
    return this.items.size;
  }
  key(index: number) {
    return [...this.items.keys()][index] ?? null;
  }
  getItem(key: string) {
    return this.items.get(key) ?? null;
  }
  setItem(key: string, value: string) {
    if (this.full) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    this.items.set(key, value);
  }
  removeItem(key: string) {
    this.items.delete(key);
  }
  clear() {
    this.items.clear();
  }
}

describe('unload stash', () => {
  it('keeps snapshots by entry, the newest put for each, until dropped', () => {
    const storage = new MemoryStorage();
    const stash = createUnloadStash(storage);
    stash.put(record('a', { status: 'solving' }));
    stash.put(record('a', { updatedAt: 3000 }));
    stash.put(record('b'));
    expect(stash.list().records.map((r) => [r.id, r.status, r.updatedAt])).toEqual([
      ['a', 'done', 3000],
      ['b', 'done', 1000],
    ]);
    stash.drop('a');
    expect(stash.list().records.map((r) => r.id)).toEqual(['b']);
    stash.dropAll();
    expect(stash.list().records).toEqual([]);
  });

  it('sets aside what fails the schema check, until dropAll, and leaves the page’s other keys alone', () => {
    const storage = new MemoryStorage();
    const key = (id: string) => `mathcoder-tutor-history-unsaved:${id}`;
    const bad = (id: string, fields: Record<string, unknown>) =>
      storage.setItem(key(id), JSON.stringify({ ...record(id), ...fields }));
    storage.setItem('settings', '{"theme":"dark"}');
    storage.setItem(key('x'), '{not json');
    storage.setItem(key('y'), JSON.stringify({ id: 'y' }));
    // A record filed under another entry's key is not trusted either.
    storage.setItem(key('z'), JSON.stringify(record('other')));
    bad('date', { createdAt: 1e300 });
    bad('number-answer', { answer: 42 });
    bad('no-answer', { answer: undefined });
    storage.setItem(key('good'), JSON.stringify(record('good')));
    const stash = createUnloadStash(storage);
    const list = stash.list();
    expect(list.records.map((r) => r.id)).toEqual(['good']);
    expect(list.setAside).toEqual([
      'record is not JSON',
      'record.problem is not text',
      'record.id is not its key',
      'record.createdAt is not a date',
      'record.answer is not text',
      'record.answer is not text',
    ]);
    // Kept: nothing is lost until the history is cleared.
    expect(stash.list().setAside).toHaveLength(6);
    stash.dropAll();
    expect([...storage.items.keys()]).toEqual(['settings']);
  });

  it('never throws when storage is full or missing', () => {
    const storage = new MemoryStorage();
    storage.full = true;
    const stash = createUnloadStash(storage);
    expect(() => stash.put(record('a'))).not.toThrow();
    expect(stash.list().records).toEqual([]);
    const none = createUnloadStash(null);
    expect(() => none.put(record('a'))).not.toThrow();
    expect(none.list().records).toEqual([]);
  });
});

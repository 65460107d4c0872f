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
    expect(stash.list().map((r) => [r.id, r.status, r.updatedAt])).toEqual([
      ['a', 'done', 3000],
      ['b', 'done', 1000],
    ]);
    stash.drop('a');
    expect(stash.list().map((r) => r.id)).toEqual(['b']);
    stash.dropAll();
    expect(stash.list()).toEqual([]);
  });

  it('drops what it cannot read and leaves the page’s other keys alone', () => {
    const storage = new MemoryStorage();
    storage.setItem('settings', '{"theme":"dark"}');
    storage.setItem('mathcoder-tutor-history-unsaved:x', '{not json');
    storage.setItem('mathcoder-tutor-history-unsaved:y', JSON.stringify({ id: 'y' }));
    // A record filed under another entry's key is not trusted either.
    storage.setItem('mathcoder-tutor-history-unsaved:z', JSON.stringify(record('other')));
    const stash = createUnloadStash(storage);
    expect(stash.list()).toEqual([]);
    stash.dropAll();
    expect([...storage.items.keys()]).toEqual(['settings']);
  });

  it('never throws when storage is full or missing', () => {
    const storage = new MemoryStorage();
    storage.full = true;
    const stash = createUnloadStash(storage);
    expect(() => stash.put(record('a'))).not.toThrow();
    expect(stash.list()).toEqual([]);
    const none = createUnloadStash(null);
    expect(() => none.put(record('a'))).not.toThrow();
    expect(none.list()).toEqual([]);
  });
});

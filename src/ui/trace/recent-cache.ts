// A bounded cache that drops the least recently used entries, but never those the latest render used: a block of
// more paragraphs (or formulas) than the bound would otherwise evict each one just before it is needed again.
export class RecentCache<V> {
  private readonly entries = new Map<string, V>();

  constructor(private readonly capacity: number) {}

  get size(): number {
    return this.entries.size;
  }

  get(key: string): V | undefined {
    const value = this.entries.get(key);
    if (value !== undefined) {
      // Re-inserting marks the entry as most recently used.
      this.entries.delete(key);
      this.entries.set(key, value);
    }
    return value;
  }

  set(key: string, value: V): void {
    this.entries.delete(key);
    this.entries.set(key, value);
  }

  /** Drops the oldest entries past the capacity, keeping at least the `keep` most recently used. */
  trim(keep = 0): void {
    const limit = Math.max(this.capacity, keep);
    for (const key of this.entries.keys()) {
      if (this.entries.size <= limit) break;
      this.entries.delete(key);
    }
  }
}

import type { Cache } from './cache';

interface Entry<V> {
  value: V;
  uses: number;
}

/**
 * Least frequently used, in O(1): evicts the entry with the fewest uses
 * (reads and writes since it was stored), the least recently used among
 * equals. Keys are kept in one bucket per use count.
 */
export class LfuCache<V> implements Cache<V> {
  private readonly entries = new Map<string, Entry<V>>();
  // uses → keys with that count, in the order they reached it.
  private readonly buckets = new Map<number, Set<string>>();
  private fewestUses = 0;

  constructor(readonly capacity: number) {}

  get size(): number {
    return this.entries.size;
  }

  get(key: string): V | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    this.use(key, entry);
    return entry.value;
  }

  set(key: string, value: V): string | undefined {
    if (this.capacity === 0) return undefined;
    const entry = this.entries.get(key);
    if (entry) {
      entry.value = value;
      this.use(key, entry);
      return undefined;
    }
    const evicted = this.entries.size >= this.capacity ? this.evictLeastFrequent() : undefined;
    this.entries.set(key, { value, uses: 1 });
    this.bucket(1).add(key);
    this.fewestUses = 1;
    return evicted;
  }

  private use(key: string, entry: Entry<V>): void {
    const from = this.buckets.get(entry.uses)!;
    from.delete(key);
    if (from.size === 0) {
      this.buckets.delete(entry.uses);
      if (this.fewestUses === entry.uses) this.fewestUses += 1;
    }
    entry.uses += 1;
    this.bucket(entry.uses).add(key);
  }

  private evictLeastFrequent(): string {
    const bucket = this.buckets.get(this.fewestUses)!;
    const victim = bucket.values().next().value as string;
    bucket.delete(victim);
    if (bucket.size === 0) this.buckets.delete(this.fewestUses);
    this.entries.delete(victim);
    return victim;
  }

  private bucket(uses: number): Set<string> {
    let keys = this.buckets.get(uses);
    if (!keys) this.buckets.set(uses, (keys = new Set()));
    return keys;
  }
}

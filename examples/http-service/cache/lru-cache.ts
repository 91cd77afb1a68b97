import type { Cache } from './cache';

/** Least recently used: evicts the entry read or written longest ago. */
export class LruCache<V> implements Cache<V> {
  // Insertion order is recency order: every use moves the key to the end.
  private readonly entries = new Map<string, V>();

  constructor(readonly capacity: number) {}

  get size(): number {
    return this.entries.size;
  }

  get(key: string): V | undefined {
    const value = this.entries.get(key);
    if (value === undefined) return undefined;
    this.entries.delete(key);
    this.entries.set(key, value);
    return value;
  }

  set(key: string, value: V): string | undefined {
    if (this.capacity === 0) return undefined;
    if (this.entries.delete(key)) {
      this.entries.set(key, value);
      return undefined;
    }
    const evicted = this.entries.size >= this.capacity ? this.evictLeastRecent() : undefined;
    this.entries.set(key, value);
    return evicted;
  }

  private evictLeastRecent(): string {
    const oldest = this.entries.keys().next().value as string;
    this.entries.delete(oldest);
    return oldest;
  }
}

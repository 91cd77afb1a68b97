import type { Cache } from './cache';

/** First in, first out: evicts the entry stored longest ago; reads change nothing. */
export class FifoCache<V> implements Cache<V> {
  // A Map iterates in insertion order: its first key is the oldest entry.
  private readonly entries = new Map<string, V>();

  constructor(readonly capacity: number) {}

  get size(): number {
    return this.entries.size;
  }

  get(key: string): V | undefined {
    return this.entries.get(key);
  }

  set(key: string, value: V): string | undefined {
    if (this.capacity === 0) return undefined;
    if (this.entries.has(key)) {
      this.entries.set(key, value);
      return undefined;
    }
    const evicted = this.entries.size >= this.capacity ? this.evictOldest() : undefined;
    this.entries.set(key, value);
    return evicted;
  }

  private evictOldest(): string {
    const oldest = this.entries.keys().next().value as string;
    this.entries.delete(oldest);
    return oldest;
  }
}

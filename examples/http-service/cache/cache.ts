/**
 * A bounded in-process cache: at most `capacity` entries; `set` on a full
 * cache evicts one entry, chosen by the policy, and returns its key.
 */
export interface Cache<V> {
  readonly capacity: number;
  readonly size: number;
  get(key: string): V | undefined;
  /** Stores `value`; returns the key it evicted to make room, if any. */
  set(key: string, value: V): string | undefined;
}

export const CACHE_POLICIES = ['lru', 'lfu', 'fifo', 'random'] as const;
export type CachePolicy = (typeof CACHE_POLICIES)[number];

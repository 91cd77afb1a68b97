import type { Cache, CachePolicy } from './cache';
import { FifoCache } from './fifo-cache';
import { LfuCache } from './lfu-cache';
import { LruCache } from './lru-cache';
import { RandomCache } from './random-cache';

/** A cache of `capacity` entries (0: caches nothing) evicting by `policy`; `seed` drives the random policy. */
export function createCache<V>(policy: CachePolicy, capacity: number, seed = 0): Cache<V> {
  switch (policy) {
    case 'lru':
      return new LruCache<V>(capacity);
    case 'lfu':
      return new LfuCache<V>(capacity);
    case 'fifo':
      return new FifoCache<V>(capacity);
    case 'random':
      return new RandomCache<V>(capacity, seed);
    default: {
      const unknown: never = policy;
      throw new Error(`unknown cache policy ${String(unknown)}`);
    }
  }
}

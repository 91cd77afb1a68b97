import { describe, expect, it } from 'vitest';
import { CACHE_POLICIES, type CachePolicy } from './cache';
import { createCache } from './create-cache';

/** Runs `ops` ('get k' or 'set k') on a fresh cache and returns the keys evicted, in order. */
function evictions(policy: CachePolicy, capacity: number, ops: string[], seed = 0): string[] {
  const cache = createCache<string>(policy, capacity, seed);
  const evicted: string[] = [];
  for (const op of ops) {
    const [verb, key] = op.split(' ');
    if (verb === 'get') cache.get(key);
    else {
      const out = cache.set(key, `v${key}`);
      if (out !== undefined) evicted.push(out);
    }
  }
  return evicted;
}

const sets = (...keys: string[]) => keys.map((k) => `set ${k}`);

describe('cache eviction order (known answers)', () => {
  // Capacity 3: a, b, c stored; a read twice and b once; then d, e, f arrive.
  const ops = [...sets('a', 'b', 'c'), 'get a', 'get a', 'get b', ...sets('d', 'e', 'f')];

  it('fifo evicts in insertion order, whatever was read', () => {
    expect(evictions('fifo', 3, ops)).toEqual(['a', 'b', 'c']);
  });

  it('lru evicts the least recently used: c (never read), then a, then b', () => {
    expect(evictions('lru', 3, ops)).toEqual(['c', 'a', 'b']);
  });

  it('lfu evicts the fewest uses, the least recent among equals: c, then d, then e (a and b stay)', () => {
    // Uses: a 3, b 2, c 1. d replaces c (1 use), e replaces d (1 use), f replaces e.
    expect(evictions('lfu', 3, ops)).toEqual(['c', 'd', 'e']);
  });

  it('lfu counts a rewrite as a use and keeps hot keys through a scan', () => {
    const scan = [...sets('hot', 'x'), 'set hot', 'get hot', ...sets('s1', 's2', 's3', 's4')];
    expect(evictions('lfu', 2, scan)).toEqual(['x', 's1', 's2', 's3']);
  });

  it('random evicts by its seeded stream: the same seed the same victims, another seed others', () => {
    const many = sets(...Array.from({ length: 40 }, (_, i) => `k${i}`));
    const first = evictions('random', 8, many, 7);
    expect(first).toHaveLength(32);
    expect(evictions('random', 8, many, 7)).toEqual(first);
    expect(evictions('random', 8, many, 8)).not.toEqual(first);
    // Not FIFO in disguise.
    expect(first).not.toEqual(Array.from({ length: 32 }, (_, i) => `k${i}`));
  });

  it.each(CACHE_POLICIES)('%s keeps at most its capacity, answers what it holds, and caches nothing at capacity 0', (policy) => {
    const cache = createCache<number>(policy, 4, 1);
    for (let i = 0; i < 100; i++) {
      cache.set(`k${i % 13}`, i);
      expect(cache.size).toBeLessThanOrEqual(4);
    }
    expect(cache.size).toBe(4);
    cache.set('last', 99);
    expect(cache.get('last')).toBe(99);
    const none = createCache<number>(policy, 0);
    expect(none.set('a', 1)).toBeUndefined();
    expect(none.get('a')).toBeUndefined();
    expect(none.size).toBe(0);
  });

  it.each(CACHE_POLICIES)('%s updates a stored key in place, evicting nothing', (policy) => {
    const cache = createCache<number>(policy, 2);
    cache.set('a', 1);
    cache.set('b', 2);
    expect(cache.set('a', 3)).toBeUndefined();
    expect([cache.get('a'), cache.get('b'), cache.size]).toEqual([3, 2, 2]);
  });
});

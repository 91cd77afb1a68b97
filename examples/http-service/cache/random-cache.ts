import { uniformInt } from 'pure-rand/distribution/uniformInt';
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';
import type { RandomGenerator } from 'pure-rand/types/RandomGenerator';
import type { Cache } from './cache';

/** Random replacement: evicts an entry drawn uniformly from a seeded stream; reads change nothing. */
export class RandomCache<V> implements Cache<V> {
  private readonly values = new Map<string, V>();
  // Every key at an index, so that a uniform draw is one array read; removal swaps the last key in.
  private readonly keys: string[] = [];
  private readonly indexOf = new Map<string, number>();
  private readonly rng: RandomGenerator;

  constructor(
    readonly capacity: number,
    seed = 0,
  ) {
    this.rng = xoroshiro128plus(seed);
  }

  get size(): number {
    return this.values.size;
  }

  get(key: string): V | undefined {
    return this.values.get(key);
  }

  set(key: string, value: V): string | undefined {
    if (this.capacity === 0) return undefined;
    if (this.values.has(key)) {
      this.values.set(key, value);
      return undefined;
    }
    const evicted = this.values.size >= this.capacity ? this.evictRandom() : undefined;
    this.values.set(key, value);
    this.indexOf.set(key, this.keys.length);
    this.keys.push(key);
    return evicted;
  }

  private evictRandom(): string {
    const i = uniformInt(this.rng, 0, this.keys.length - 1);
    const victim = this.keys[i];
    const last = this.keys.pop()!;
    if (last !== victim) {
      this.keys[i] = last;
      this.indexOf.set(last, i);
    }
    this.indexOf.delete(victim);
    this.values.delete(victim);
    return victim;
  }
}

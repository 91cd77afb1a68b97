import { mixSeed, Rng } from '@attune/core/random/rng';

/** Grids up to this size are visited in a true shuffled order; larger ones by a seeded affine permutation. */
const SHUFFLE_LIMIT = 100_000;

/**
 * A seeded visiting order over the configurations of a grid: position k maps
 * to one level index per parameter. The order is a shuffle, so a grid stopped
 * early still covers the whole space rather than one corner of it.
 */
export class GridOrder {
  readonly total: number;
  private readonly shuffled?: number[];
  private readonly affine?: { n: bigint; a: bigint; b: bigint };

  constructor(
    private readonly sizes: readonly number[],
    seed: number,
  ) {
    this.total = sizes.reduce((n, s) => n * s, 1);
    if (this.total <= SHUFFLE_LIMIT) {
      this.shuffled = Rng.derive(seed, 0x67726964).shuffle(Array.from({ length: this.total }, (_, i) => i));
    } else {
      this.affine = affinePermutation(sizes, seed);
    }
  }

  /** Level indices of the configuration visited at `position` (0 ≤ position < total). */
  at(position: number): number[] {
    let index: bigint;
    if (this.shuffled) index = BigInt(this.shuffled[position]);
    else {
      const { n, a, b } = this.affine!;
      index = (a * BigInt(position) + b) % n;
    }
    const out = new Array<number>(this.sizes.length);
    for (let d = this.sizes.length - 1; d >= 0; d--) {
      const size = BigInt(this.sizes[d]);
      out[d] = Number(index % size);
      index /= size;
    }
    return out;
  }
}

function affinePermutation(sizes: readonly number[], seed: number): { n: bigint; a: bigint; b: bigint } {
  const n = sizes.reduce((acc, s) => acc * BigInt(s), 1n);
  const rng = Rng.derive(seed, 0x61666669);
  const big = (): bigint => (BigInt(mixSeed(rng.int(0, 2 ** 30), 1) >>> 0) << 32n) | BigInt(rng.int(0, 2 ** 31 - 1));
  let a = (big() % n) | 1n;
  while (gcd(a, n) !== 1n) a = (a + 1n) % n || 1n;
  return { n, a, b: big() % n };
}

function gcd(x: bigint, y: bigint): bigint {
  while (y !== 0n) [x, y] = [y, x % y];
  return x;
}

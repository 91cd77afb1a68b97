import type { Rng } from '@attune/core/random/rng';
import type { SearchSpace } from '@attune/core/search-space/parameter';
import type { Genome } from '../../common/genome';
import type { Crossover } from './crossover';

/**
 * Simulated binary crossover (Deb & Agrawal, bounded form) on the unit
 * encoding of numeric genes; categorical genes come from either parent.
 * Larger `eta` keeps children closer to their parents.
 */
export class SbxCrossover implements Crossover {
  constructor(private readonly eta: number) {}

  cross(a: Genome, b: Genome, space: SearchSpace, rng: Rng): Genome {
    return a.map((x, d) => {
      const y = b[d];
      if (space[d].type === 'categorical') return rng.float() < 0.5 ? x : y;
      if (Math.abs(x - y) < 1e-12) return x;
      const child = this.child(Math.min(x, y), Math.max(x, y), rng);
      return Math.min(1, Math.max(0, child));
    });
  }

  /** One child of the pair lo < hi in [0, 1]. */
  private child(lo: number, hi: number, rng: Rng): number {
    const u = rng.float();
    const toward = rng.float() < 0.5;
    // The spread factor bounded so the child stays within [0, 1].
    const beta = 1 + (2 * (toward ? lo : 1 - hi)) / (hi - lo);
    const alpha = 2 - beta ** -(this.eta + 1);
    const betaQ = u <= 1 / alpha ? (u * alpha) ** (1 / (this.eta + 1)) : (1 / (2 - u * alpha)) ** (1 / (this.eta + 1));
    return toward ? 0.5 * (lo + hi - betaQ * (hi - lo)) : 0.5 * (lo + hi + betaQ * (hi - lo));
  }
}

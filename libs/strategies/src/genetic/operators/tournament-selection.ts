import type { Rng } from '@attune/core/random/rng';
import type { Individual } from './individual';

/** Tournament selection: the best of `size` individuals drawn with replacement. */
export class TournamentSelection {
  constructor(private readonly size: number) {}

  select(pool: readonly Individual[], rng: Rng): Individual {
    let best = rng.pick(pool);
    for (let i = 1; i < this.size; i++) {
      const other = rng.pick(pool);
      if (other.loss < best.loss) best = other;
    }
    return best;
  }
}

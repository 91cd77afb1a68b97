import type { Rng } from '@attune/core/random/rng';
import type { SearchSpace } from '@attune/core/search-space/parameter';
import type { Genome } from '../../common/genome';
import type { Crossover } from './crossover';

/** Each gene from either parent with equal chance. */
export class UniformCrossover implements Crossover {
  cross(a: Genome, b: Genome, _space: SearchSpace, rng: Rng): Genome {
    return a.map((g, d) => (rng.float() < 0.5 ? g : b[d]));
  }
}

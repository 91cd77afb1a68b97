import type { Rng } from '@attune/core/random/rng';
import type { SearchSpace } from '@attune/core/search-space/parameter';
import type { Genome } from '../../common/genome';

/** Combines two parent genomes into one child genome. */
export interface Crossover {
  cross(a: Genome, b: Genome, space: SearchSpace, rng: Rng): Genome;
}

import type { Rng } from '@attune/core/random/rng';
import type { SearchSpace } from '@attune/core/search-space/parameter';
import type { Genome } from '../../common/genome';
import { perturbGene } from '../../common/perturb-gene';

/**
 * Mutates each gene with probability `rate` (1 / number of parameters when
 * not given) by a type-aware move (see `perturbGene`): gaussian for floats,
 * ±steps for ints, another value for categoricals.
 */
export class TypeAwareMutation {
  constructor(
    private readonly rate: number | undefined,
    private readonly scale: number,
  ) {}

  mutate(genome: Genome, space: SearchSpace, rng: Rng): Genome {
    const rate = this.rate ?? 1 / space.length;
    return genome.map((g, d) => (rng.float() < rate ? perturbGene(space[d], g, this.scale, rng) : g));
  }
}

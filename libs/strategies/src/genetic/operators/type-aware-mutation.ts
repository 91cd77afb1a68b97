import type { Rng } from '@attune/core/random/rng';
import type { SearchSpace } from '@attune/core/search-space/parameter';
import type { Genome } from '../../common/genome';
import { gaussianMove, moveGene, type UnitMove } from '../../common/perturb-gene';

/**
 * Mutates each gene with probability `rate` (1 / number of parameters when
 * not given) by a type-aware move (see `moveGene`): for floats gaussian noise
 * of standard deviation `move` when it is a number, else the given move;
 * ±steps for ints, another value for categoricals.
 */
export class TypeAwareMutation {
  private readonly move: UnitMove;

  constructor(
    private readonly rate: number | undefined,
    move: number | UnitMove,
  ) {
    this.move = typeof move === 'number' ? gaussianMove(move) : move;
  }

  mutate(genome: Genome, space: SearchSpace, rng: Rng): Genome {
    const rate = this.rate ?? 1 / space.length;
    return genome.map((g, d) => (rng.float() < rate ? moveGene(space[d], g, this.move, rng) : g));
  }
}

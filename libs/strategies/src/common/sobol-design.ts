import type { Rng } from '@attune/core/random/rng';
import type { Params, SearchSpace } from '@attune/core/search-space/parameter';
import { configurationAtUnit } from '@attune/core/search-space/unit-cube';
import { SOBOL_MAX_DIM, SobolSequence } from '../numerics/sobol';

/**
 * The configurations of a scrambled Sobol sequence over the space, by index
 * (numerics by position, categoricals by bin, see `configurationAtUnit`), so
 * that the first 2^k of them cover every dimension evenly. Points are made on
 * first use and kept. A space with more dimensions than the tabulated
 * direction numbers has no design (`create` gives undefined).
 */
export class SobolDesign {
  private readonly points: Params[] = [];

  private constructor(
    private readonly space: SearchSpace,
    private readonly sequence: SobolSequence,
  ) {}

  /** The design scrambled by `rng`, or undefined past SOBOL_MAX_DIM dimensions (or with none). */
  static create(space: SearchSpace, rng: Rng): SobolDesign | undefined {
    return space.length >= 1 && space.length <= SOBOL_MAX_DIM ? new SobolDesign(space, new SobolSequence(space.length, rng)) : undefined;
  }

  at(index: number): Params {
    while (this.points.length <= index) this.points.push(configurationAtUnit(this.space, this.sequence.next()));
    return this.points[index];
  }
}

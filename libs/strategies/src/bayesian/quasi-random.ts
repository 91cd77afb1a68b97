import type { Rng } from '@attune/core/random/rng';
import { SOBOL_MAX_DIM, SobolSequence } from '../numerics/sobol';
import type { EncodedSpace } from './encoded-space';

/**
 * `count` points of the space from a scrambled Sobol sequence seeded by `rng`
 * (uniform draws past the tabulated dimensions), snapped to the domain.
 */
export function quasiRandomPoints(space: EncodedSpace, count: number, rng: Rng, skip = 0): Float64Array[] {
  if (space.d > SOBOL_MAX_DIM) {
    return Array.from({ length: count }, () => space.fromUnitCube(Array.from({ length: space.d }, () => rng.float())));
  }
  const seq = new SobolSequence(space.d, rng);
  for (let i = 0; i < skip; i++) seq.next();
  return seq.take(count).map((u) => space.fromUnitCube(u));
}

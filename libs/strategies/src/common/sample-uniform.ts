import type { Rng } from '@attune/core/random/rng';
import { numericFromUnit } from '@attune/core/search-space/encoding';
import type { Params, SearchSpace } from '@attune/core/search-space/parameter';

/** One configuration drawn uniformly in the unit encoding of each parameter; categoricals uniform. */
export function sampleUniform(space: SearchSpace, rng: Rng): Params {
  const params: Params = {};
  for (const p of space) {
    params[p.name] = p.type === 'categorical' ? rng.pick(p.values) : numericFromUnit(p, rng.float());
  }
  return params;
}

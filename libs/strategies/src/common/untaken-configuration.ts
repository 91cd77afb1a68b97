import type { Rng } from '@attune/core/random/rng';
import { configKey } from '@attune/core/search-space/encoding';
import type { Params, SearchSpace } from '@attune/core/search-space/parameter';
import { sampleUniform } from './sample-uniform';

/** Attempts at a configuration not already tried or pending before falling back to a uniform draw. */
const MAX_ATTEMPTS = 16;

/**
 * The first configuration `make` gives (bred, moved, ...) whose key is not in
 * `taken`, within a few attempts; else a uniform draw from `rng`, which on a
 * nearly exhausted space may itself be taken.
 */
export function untakenConfiguration(space: SearchSpace, taken: ReadonlySet<string>, rng: Rng, make: () => Params): Params {
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const params = make();
    if (!taken.has(configKey(space, params))) return params;
  }
  return sampleUniform(space, rng);
}

import { Rng } from '@attune/core/random/rng';
import { numericFromUnit } from '@attune/core/search-space/encoding';
import { emptyParams, type Params, type SearchSpace } from '@attune/core/search-space/parameter';

/** One configuration drawn uniformly in the unit encoding of each parameter; categoricals uniform. */
export function sampleUniform(space: SearchSpace, rng: Rng): Params {
  const params = emptyParams();
  for (const p of space) {
    params[p.name] = p.type === 'categorical' ? rng.pick(p.values) : numericFromUnit(p, rng.float());
  }
  return params;
}

/**
 * The random strategy's draw for a trial: uniform from the trial's own stream
 * `Rng.derive(seed, trialNumber, attempt)`, redrawn (at most `maxRedraws` times)
 * while `isTaken` says the configuration was already tried or is pending.
 * Strategies that start with random trials use it so their startup matches `random`.
 */
export function sampleUniformUntilNew(
  space: SearchSpace,
  seed: number,
  trialNumber: number,
  maxRedraws: number,
  isTaken: (params: Params) => boolean,
): Params {
  let params = sampleUniform(space, Rng.derive(seed, trialNumber, 0));
  for (let attempt = 1; attempt <= maxRedraws && isTaken(params); attempt++) {
    params = sampleUniform(space, Rng.derive(seed, trialNumber, attempt));
  }
  return params;
}

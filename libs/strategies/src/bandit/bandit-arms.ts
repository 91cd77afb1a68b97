import type { ValidationIssue } from '@attune/core/errors/attune-error';
import { Rng } from '@attune/core/random/rng';
import { checkConfiguration } from '@attune/core/search-space/check-configuration';
import { configKey, numericFromUnit } from '@attune/core/search-space/encoding';
import { emptyParams, type Params, type SearchSpace } from '@attune/core/search-space/parameter';
import { SOBOL_MAX_DIM, SobolSequence } from '../numerics/sobol';

const ARMS = 0x61726d;

/** Problems with preset arms, at `strategy.options.arms[i].<parameter>`: an arm sets every parameter. */
export function checkArms(arms: readonly Readonly<Params>[], space: SearchSpace): ValidationIssue[] {
  return arms.flatMap((arm, i) => checkConfiguration(space, arm, `strategy.options.arms[${i}]`));
}

/** `count` distinct arms spread over the space by a scrambled Sobol design (uniform draws past its dimension limit). */
export function generateArms(space: SearchSpace, count: number, seed: number): Params[] {
  const rng = Rng.derive(seed, ARMS);
  const sobol = space.length <= SOBOL_MAX_DIM ? new SobolSequence(space.length, rng) : undefined;
  const arms: Params[] = [];
  const keys = new Set<string>();
  for (let i = 0; i < count * 20 && arms.length < count; i++) {
    const u = sobol ? Array.from(sobol.next()) : space.map(() => rng.float());
    const arm = fromUnit(space, u);
    const key = configKey(space, arm);
    if (keys.has(key)) continue;
    keys.add(key);
    arms.push(arm);
  }
  return arms;
}

function fromUnit(space: SearchSpace, u: readonly number[]): Params {
  const params = emptyParams();
  space.forEach((p, d) => {
    params[p.name] = p.type === 'categorical' ? p.values[Math.min(p.values.length - 1, Math.floor(u[d] * p.values.length))] : numericFromUnit(p, u[d]);
  });
  return params;
}

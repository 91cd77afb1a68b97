import type { ValidationIssue } from '@attune/core/errors/attune-error';
import { Rng } from '@attune/core/random/rng';
import { checkConfiguration } from '@attune/core/search-space/check-configuration';
import { configKey } from '@attune/core/search-space/encoding';
import type { Params, SearchSpace } from '@attune/core/search-space/parameter';
import { configurationAtUnit } from '@attune/core/search-space/unit-cube';
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
    const arm = configurationAtUnit(space, u);
    const key = configKey(space, arm);
    if (keys.has(key)) continue;
    keys.add(key);
    arms.push(arm);
  }
  return arms;
}

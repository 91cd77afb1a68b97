import type { ValidationIssue } from '@attune/core/errors/attune-error';
import { Rng } from '@attune/core/random/rng';
import { configKey, isInDomain } from '@attune/core/search-space/encoding';
import { type Parameter, type Params, type SearchSpace } from '@attune/core/search-space/parameter';
import { configurationAtUnit } from '@attune/core/search-space/unit-cube';
import { SOBOL_MAX_DIM, SobolSequence } from '../numerics/sobol';

const ARMS = 0x61726d;

/** Problems with preset arms, at `strategy.options.arms[i].<parameter>`. */
export function checkArms(arms: readonly Readonly<Params>[], space: SearchSpace): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const names = new Set(space.map((p) => p.name));
  arms.forEach((arm, i) => {
    const at = `strategy.options.arms[${i}]`;
    for (const p of space) {
      if (!(p.name in arm)) issues.push({ path: `${at}.${p.name}`, message: 'is required: an arm sets every parameter' });
      else if (!isInDomain(p, arm[p.name])) issues.push({ path: `${at}.${p.name}`, message: `${JSON.stringify(arm[p.name])} ${domainText(p)}` });
    }
    for (const key of Object.keys(arm)) if (!names.has(key)) issues.push({ path: `${at}.${key}`, message: 'is not a parameter of the space' });
  });
  return issues;
}

function domainText(p: Parameter): string {
  if (p.type === 'categorical') return `is not one of ${p.values.map((v) => JSON.stringify(v)).join(', ')}`;
  const step = p.step !== undefined ? ` on steps of ${p.step} from ${p.min}` : '';
  return `is not ${p.type === 'int' ? 'an integer' : 'a number'} in [${p.min}, ${p.max}]${step}`;
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

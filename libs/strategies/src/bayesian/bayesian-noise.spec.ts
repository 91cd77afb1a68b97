import type { SearchSpace } from '@attune/core/search-space/parameter';
import type { TrialView } from '@attune/core/trial/trial-view';
import { describe, expect, it } from 'vitest';
import { bayesianOptionsSchema } from './bayesian.options';
import { BayesianStrategy } from './bayesian.strategy';
import { EncodedSpace } from './encoded-space';
import { buildSurrogate } from './gp-surrogate';
import { HyperparameterCache } from './hyperparameter-cache';
import type { Observation } from './training-set';

const space: SearchSpace = [{ name: 'x', type: 'float', min: 0, max: 1 }];
const encoded = new EncodedSpace(space);
const settings = { seed: 3, outputTransform: 'standardize', maxModelPoints: 160, fitRestarts: 1 } as const;
// A smooth bowl and one lucky measurement at x = 0.55.
const xs = [0, 0.1, 0.2, 0.3, 0.4, 0.55, 0.7, 0.8, 0.9, 1];
const loss = (x: number) => (x === 0.55 ? -0.5 : (x - 0.5) ** 2);
const observations = (noisy?: number): Observation[] =>
  xs.map((x, i) => ({ number: i, x: Float64Array.of(x), loss: loss(x), ...(noisy !== undefined && x === 0.55 ? { noiseVariance: noisy } : {}) }));

describe('bayesian with measured noise per point', () => {
  it('trusts a measurement with spread less: the GP mean there moves toward its neighbours', () => {
    const residual = (obs: Observation[]) => {
      const s = buildSurrogate(encoded, obs, settings, new HyperparameterCache());
      const i = xs.indexOf(0.55);
      return Math.abs(s.model.predict([0.55]).mean - s.y[i]);
    };
    // sd 0.5 over 1 repeat: variance 0.25, large against the bowl's spread.
    expect(residual(observations(0.25))).toBeGreaterThan(residual(observations()) + 0.5);
  });

  it('proposes exactly as without noise when the spread is 0 (absent noise is the noise-free model)', () => {
    const trials: TrialView[] = xs.map((x, i) => ({ number: i, state: 'COMPLETE', params: { x }, loss: loss(x) }));
    const make = () => new BayesianStrategy(space, bayesianOptionsSchema.parse({ candidates: 128 }));
    const ctx = { space, seed: 3, maxTrials: 30 };
    const plain = make().ask({ ...ctx, trials }, 2);
    const zero = make().ask({ ...ctx, trials: trials.map((t) => ({ ...t, noise: { sd: 0, count: 3 } })) }, 2);
    expect(zero).toEqual(plain);
    const noisy = make().ask({ ...ctx, trials: trials.map((t) => (t.params.x === 0.55 ? { ...t, noise: { sd: 0.5, count: 1 } } : t)) }, 2);
    expect(noisy).not.toEqual(plain);
  });
});

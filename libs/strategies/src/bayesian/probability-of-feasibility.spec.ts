import { describe, expect, it } from 'vitest';
import { GpModel } from '../gp/gp-model';
import { Acquisition } from './acquisition';
import { FeasibilityWeightedAcquisition } from './feasibility-weighted-acquisition';
import { logProbabilityOfFeasibility } from './probability-of-feasibility';

const gp = (xs: number[], ys: number[]) =>
  new GpModel({ X: Float64Array.from(xs), n: xs.length, d: 1, categorical: new Uint8Array(1) }, Float64Array.from(ys), {
    inverseSquaredLengthScales: Float64Array.of(1 / 0.3 ** 2),
    signalVariance: 1,
    noiseVariance: 1e-6,
  });

describe('probability of feasibility', () => {
  it('is log Φ((threshold − mean)/σ) (values from scipy.stats.norm.logcdf)', () => {
    expect(logProbabilityOfFeasibility(0.3, 0.25, 0)).toBeCloseTo(-1.29370381161257, 12);
    expect(logProbabilityOfFeasibility(-1, 0.04, 0)).toBeCloseTo(-2.866516130566836e-7, 15);
    expect(logProbabilityOfFeasibility(2, 0.01, -0.5)).toBeCloseTo(-316.63940797672046, 9);
    expect(logProbabilityOfFeasibility(0, 1, 0)).toBeCloseTo(Math.log(0.5), 14);
  });

  // Objective falling to the right; constraint slack rising to the right, kept (≤ 0.2 in target scale) left of about 0.5.
  const objective = gp([0, 0.25, 0.5, 0.75, 1], [1, 0.5, 0, -0.5, -1]);
  const slack = { model: gp([0, 0.25, 0.5, 0.75, 1], [-1, -0.4, 0.2, 0.8, 1.4]), threshold: 0.2 };
  const other = { model: gp([0, 0.5, 1], [0.5, -0.5, 0.5]), threshold: 0 };
  const ei = new Acquisition(objective, 'logei', 0, 4);

  it('weighs the acquisition by Π Φ over the constraints, in log space; alone without a feasible incumbent', () => {
    const weighted = new FeasibilityWeightedAcquisition(objective, ei, [slack, other]);
    const alone = new FeasibilityWeightedAcquisition(objective, undefined, [slack, other]);
    for (const x of [0.1, 0.37, 0.62, 0.9]) {
      const logPof = [slack, other].reduce((sum, c) => {
        const { mean, variance } = c.model.predict([x]);
        return sum + logProbabilityOfFeasibility(mean, variance, c.threshold);
      }, 0);
      expect(weighted.value([x])).toBeCloseTo(ei.value([x]) + logPof, 12);
      expect(alone.value([x])).toBeCloseTo(logPof, 12);
    }
    // EI alone prefers the far right, where the constraint is broken; weighted, the optimum moves inside.
    const grid = Array.from({ length: 101 }, (_, i) => i / 100);
    const argmax = (f: (x: number) => number) => grid.reduce((a, b) => (f(b) > f(a) ? b : a));
    expect(argmax((x) => ei.value([x]))).toBeGreaterThan(0.9);
    expect(argmax((x) => weighted.value([x]))).toBeLessThan(0.75);
  });

  it('gives the exact gradient (central differences)', () => {
    for (const acq of [new FeasibilityWeightedAcquisition(objective, ei, [slack, other]), new FeasibilityWeightedAcquisition(objective, undefined, [slack])]) {
      const g = new Float64Array(1);
      for (const x0 of [0.05, 0.3, 0.55, 0.8]) {
        expect(acq.valueWithGradient([x0], g)).toBeCloseTo(acq.value([x0]), 12);
        const h = 1e-6;
        expect(g[0]).toBeCloseTo((acq.value([x0 + h]) - acq.value([x0 - h])) / (2 * h), 4);
      }
    }
  });
});

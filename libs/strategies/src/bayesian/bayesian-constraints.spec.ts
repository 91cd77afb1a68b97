import { hypervolume } from '@attune/core/pareto/hypervolume';
import { paretoFront } from '@attune/core/pareto/pareto-front';
import type { Params, SearchSpace } from '@attune/core/search-space/parameter';
import type { TrialView } from '@attune/core/trial/trial-view';
import { describe, expect, it } from 'vitest';
import { randomStrategy } from '../random/random.strategy';
import { zdt1 } from '../testing/multi-objective-problems';
import { bayesianOptionsSchema } from './bayesian.options';
import { BayesianStrategy, bayesianStrategy } from './bayesian.strategy';
import { askTellLoop, type Measurement } from './testing/ask-tell-loop';

const BRANIN_SPACE: SearchSpace = [
  { name: 'x1', type: 'float', min: -5, max: 10 },
  { name: 'x2', type: 'float', min: 0, max: 15 },
];
const branin = (x1: number, x2: number) => (x2 - (5.1 / (4 * Math.PI ** 2)) * x1 ** 2 + (5 / Math.PI) * x1 - 6) ** 2 + 10 * (1 - 1 / (8 * Math.PI)) * Math.cos(x1) + 10;

/**
 * Branin under (x1 − 2.5)² + (x2 − 7.5)² ≤ 50 (Gardner et al. 2014): the disc
 * cuts off two of the three global minima; the one left, (π, 2.275), keeps the
 * optimum 0.397887 (checked with scipy: SLSQP, and a 3001² grid gives 0.397901).
 * The slack is the relative excess, as `constraintValues` reports it.
 */
function constrainedBranin(p: Params): Measurement {
  const [x1, x2] = [p.x1 as number, p.x2 as number];
  const slack = ((x1 - 2.5) ** 2 + (x2 - 7.5) ** 2 - 50) / 50;
  return { loss: branin(x1, x2), constraints: [slack], violation: Math.max(0, slack) };
}
const CONSTRAINED_OPTIMUM = 0.397887;
const isFeasible = (t: TrialView) => !(t.violation! > 0);

describe('bayesian with constraints', () => {
  it('declares that it weighs constraints and optimises several objectives', () => {
    expect(bayesianStrategy.supportsConstraints).toBe(true);
    expect(bayesianStrategy.supportsMultiObjective).toBe(true);
  });

  it('reaches a feasible point within 1% of the constrained Branin optimum in 50 trials on at least 4 of 5 seeds', () => {
    const results = [1, 2, 3, 4, 5].map((seed) => {
      const trials = askTellLoop(new BayesianStrategy(BRANIN_SPACE, bayesianOptionsSchema.parse({})), BRANIN_SPACE, seed, 50, 1, constrainedBranin);
      return { seed, best: Math.min(...trials.filter(isFeasible).map((t) => t.loss as number)) };
    });
    expect(results.filter((r) => r.best <= 1.01 * CONSTRAINED_OPTIMUM).length, JSON.stringify(results)).toBeGreaterThanOrEqual(4);
  });

  // Kept only where x ≤ 0.3; the loss would rather have x large.
  const space: SearchSpace = [
    { name: 'x', type: 'float', min: 0, max: 1 },
    { name: 'y', type: 'float', min: 0, max: 1 },
  ];
  const measure = (p: Params): Measurement => {
    const slack = (p.x as number) - 0.3;
    return { loss: (p.y as number) ** 2 - (p.x as number), constraints: [slack], violation: Math.max(0, slack) };
  };
  const infeasible: TrialView[] = [0.5, 0.6, 0.7, 0.8, 0.9, 1].map((x, i) => ({
    number: i, state: 'COMPLETE', params: { x, y: (i * 0.37) % 1 }, ...measure({ x, y: (i * 0.37) % 1 }),
  }));
  const make = () => new BayesianStrategy(space, bayesianOptionsSchema.parse({ candidates: 256 }));

  it('while no trial is feasible, heads for where feasibility is likeliest, whatever the loss says', () => {
    const [p] = make().ask({ space, trials: infeasible, seed: 1, maxTrials: 30 }, 1);
    expect(p.params.x as number).toBeLessThan(0.45);
    // Unconstrained, the same losses pull the other way.
    const plain = infeasible.map(({ constraints: _c, violation: _v, ...t }) => t);
    expect(make().ask({ space, trials: plain, seed: 1, maxTrials: 30 }, 1)[0].params.x as number).toBeGreaterThan(0.9);
  });

  it('then searches among feasible points: a batch is deterministic, spread out and mostly feasible', () => {
    const trials = askTellLoop(make(), space, 2, 14, 2, measure);
    const ctx = { space, trials, seed: 2, maxTrials: 30 };
    const batch = make().ask(ctx, 4);
    expect(make().ask(ctx, 4)).toEqual(batch);
    expect(batch.filter((p) => (p.params.x as number) <= 0.3 + 0.02).length).toBeGreaterThanOrEqual(3);
    const keys = new Set(batch.map((p) => `${p.params.x},${p.params.y}`));
    expect(keys.size).toBe(4);
  });

  it('with several objectives too: ZDT1 kept to x1 ≥ 0.4 fills the feasible part of the front better than random search', () => {
    const problem = zdt1(6);
    const zdtMeasure = (p: Params): Measurement => {
      const slack = 0.4 - (p.x1 as number);
      return { losses: problem.evaluate(p), constraints: [slack], violation: Math.max(0, slack) };
    };
    const frontVolume = (trials: TrialView[]) => hypervolume(paretoFront(trials).map((t) => t.losses as number[]), problem.reference);
    for (const seed of [1, 2]) {
      const ours = askTellLoop(new BayesianStrategy(problem.space, bayesianOptionsSchema.parse({})), problem.space, seed, 30, 2, zdtMeasure);
      const random = askTellLoop(randomStrategy.create(randomStrategy.options.parse({}), problem.space), problem.space, seed, 30, 2, zdtMeasure);
      expect(frontVolume(ours)).toBeGreaterThan(frontVolume(random));
      expect(ours.slice(10).filter(isFeasible).length).toBeGreaterThanOrEqual(15);
    }
  });
});

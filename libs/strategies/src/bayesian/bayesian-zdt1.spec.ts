import { hypervolume } from '@attune/core/pareto/hypervolume';
import type { TrialView } from '@attune/core/trial/trial-view';
import { describe, expect, it } from 'vitest';
import { randomStrategy } from '../random/random.strategy';
import { zdt1 } from '../testing/multi-objective-problems';
import { bayesianOptionsSchema } from './bayesian.options';
import { BayesianStrategy } from './bayesian.strategy';
import { askTellLoop } from './testing/ask-tell-loop';

const problem = zdt1(6);
/** The hypervolume of ZDT1's true front f2 = 1 − √f1 against (1.1, 11): 1.1·11 − ∫₀¹(1 − √f) df = 12.1 − 1/3. */
const TRUE_FRONT_HYPERVOLUME = 12.1 - 1 / 3;
const measure = (p: TrialView['params']) => ({ losses: problem.evaluate(p) });
const hypervolumeOf = (trials: readonly TrialView[]) => hypervolume(trials.map((t) => t.losses as number[]), problem.reference);
const bayesian = () => new BayesianStrategy(problem.space, bayesianOptionsSchema.parse({}));

describe('bayesian on ZDT1 (6-D, two objectives, ParEGO)', () => {
  it('beats random search after 50 trials on every seed and covers most of the true front', () => {
    const results = [1, 2, 3].map((seed) => ({
      seed,
      bayesian: hypervolumeOf(askTellLoop(bayesian(), problem.space, seed, 50, 4, measure)),
      random: hypervolumeOf(askTellLoop(randomStrategy.create(randomStrategy.options.parse({}), problem.space), problem.space, seed, 50, 4, measure)),
    }));
    for (const r of results) {
      expect(r.bayesian, JSON.stringify(r)).toBeGreaterThan(r.random);
      expect(r.bayesian / TRUE_FRONT_HYPERVOLUME, JSON.stringify(r)).toBeGreaterThan(0.97);
    }
  });

  it('scalarises each proposal its own way, as a pure function of the history and seed', () => {
    const trials = askTellLoop(bayesian(), problem.space, 4, 12, 1, measure);
    const ctx = { space: problem.space, trials, seed: 4, maxTrials: 50 };
    const batch = bayesian().ask(ctx, 3);
    expect(bayesian().ask(ctx, 3)).toEqual(batch);
    // The first of a batch is the sequential proposal: its weights come from its trial number alone.
    expect(bayesian().ask(ctx, 1)[0]).toEqual(batch[0]);
    const f1 = batch.map((p) => problem.evaluate(p.params)[0]);
    expect(new Set(f1.map((v) => v.toFixed(3))).size).toBe(3);
  });
});

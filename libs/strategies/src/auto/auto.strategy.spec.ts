import type { SearchSpace } from '@attune/core/search-space/parameter';
import type { TrialView } from '@attune/core/trial/trial-view';
import { describe, expect, it } from 'vitest';
import { checkStrategy } from '../registry/strategy-registry';
import { describeStrategyConformance } from '../testing/strategy-conformance';
import { autoOptionsSchema } from './auto-options';
import { autoStrategy } from './auto.strategy';
import { memberCredit } from './member-credit';

describeStrategyConformance(autoStrategy, { quadratic: { trials: 50, maxRegret: 0.3 } });

const space: SearchSpace = [{ name: 'x', type: 'float', min: 0, max: 1 }];
const done = (number: number, loss: number, member: string): TrialView => ({ number, state: 'COMPLETE', params: { x: number / 100 }, loss, meta: { member } });

describe('member credit', () => {
  it('rewards new bests fully, results in the top decile partly, worse ones not at all', () => {
    const early = [20, 30, 40, 50, 60, 70, 80, 90, 100, 110, 120].map((loss, i) => done(i, loss, 'r'));
    const trials = [...early, done(11, 10, 'a'), done(12, 15, 'c'), done(13, 95, 'c')];
    const [a, c] = memberCredit(['a', 'c'], trials, 1);
    expect(a).toEqual({ finished: 1, rewardSum: 1, pending: 0 });
    expect(c.finished).toBe(2);
    // Before trial 12 the best is 10 and the 10% quantile 20: 15 is half-way. 95 earns nothing.
    expect(c.rewardSum).toBeCloseTo(0.5, 12);
  });

  it('rewards the first result half and each new best fully', () => {
    const [a] = memberCredit(['a'], [done(0, 10, 'a'), done(1, 8, 'a'), done(2, 6, 'a')], 1);
    expect(a.rewardSum).toBeCloseTo(0.5 + 1 + 1, 10);
  });

  it('counts pending trials as pulls and discounts old rewards', () => {
    const trials: TrialView[] = [done(0, 5, 'a'), done(1, 1, 'a'), { number: 2, state: 'RUNNING', params: { x: 0 }, meta: { member: 'a' } }];
    const [a] = memberCredit(['a'], trials, 0.5);
    expect(a.pending).toBe(1);
    expect(a.finished).toBeCloseTo(0.5 ** 3 + 0.5 ** 2, 12);
  });
});

describe('auto', () => {
  it('starts with random trials, then gives each member a turn, recording who proposed', () => {
    const s = autoStrategy.create(autoOptionsSchema.parse({ startupTrials: 2 }), space);
    const proposals = s.ask({ space, trials: [], seed: 1, maxTrials: 20 }, 7);
    // Slots go random, random (startup), then each member once; members are asked grouped, in first-slot order.
    expect(proposals.map((p) => p.meta?.member)).toEqual(['random', 'random', 'random', 'bayesian', 'tpe', 'genetic', 'annealing']);
  });

  it('validates its members', () => {
    expect(checkStrategy({ name: 'auto', options: { members: ['tpe', 'grid', 'tpe'] } }, space, { maxTrials: 10 })).toEqual([
      { path: 'strategy.options.members[1]', message: expect.stringContaining('must be one of "bayesian", "tpe"') },
      { path: 'strategy.options.members', message: 'must not list a strategy twice' },
    ]);
  });
});

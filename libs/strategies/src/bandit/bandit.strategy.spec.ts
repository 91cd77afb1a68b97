import type { SearchSpace } from '@attune/core/search-space/parameter';
import type { TrialView } from '@attune/core/trial/trial-view';
import { describe, expect, it } from 'vitest';
import { checkStrategy } from '../registry/strategy-registry';
import { describeStrategyConformance } from '../testing/strategy-conformance';
import { banditOptionsSchema } from './bandit-options';
import { banditStrategy } from './bandit.strategy';
import { lossesToRewards, ucb1Choose } from './ucb1';

describeStrategyConformance(banditStrategy, {
  prunedAsFailedBecause: 'a pull that earned nothing',
  options: { armCount: 16 },
  // The best it can do is its best arm: 16 Sobol points in [-5, 5]² leave a regret of a few units.
  quadratic: { trials: 60, maxRegret: 5, seeds: [1, 2, 3] },
  duplicatesAllowedBecause: 'a bandit re-measures its arms: repeating a configuration is how it averages out noise',
});

const space: SearchSpace = [
  { name: 'batchSize', type: 'int', min: 16, max: 128, step: 16 },
  { name: 'mode', type: 'categorical', values: ['a', 'b'] },
];

describe('UCB1', () => {
  it('pulls every arm once, then the best mean plus bonus', () => {
    expect(ucb1Choose([{ finished: 1, rewardSum: 1, pending: 0 }, { finished: 0, rewardSum: 0, pending: 0 }], 1, 0.5)).toBe(1);
    const stats = [
      { finished: 10, rewardSum: 2, pending: 0 },
      { finished: 10, rewardSum: 8, pending: 0 },
    ];
    expect(ucb1Choose(stats, 1, 0.5)).toBe(1);
    // A rarely pulled arm wins on its bonus.
    expect(ucb1Choose([{ finished: 100, rewardSum: 60, pending: 0 }, { finished: 1, rewardSum: 0.4, pending: 0 }], 1.4, 0.5)).toBe(1);
  });

  it('normalises losses to rewards in [0, 1], even at ±1e308', () => {
    expect(lossesToRewards([1, 3, 2])).toEqual([1, 0, 0.5]);
    expect(lossesToRewards([4, 4])).toEqual([0.5, 0.5]);
    expect(lossesToRewards([-1e308, 1e308])).toEqual([1, 0]);
  });
});

describe('bandit', () => {
  const arms = [
    { batchSize: 16, mode: 'a' },
    { batchSize: 64, mode: 'b' },
  ];

  it('re-pulls the better preset arm and records the arm in meta', () => {
    const s = banditStrategy.create(banditOptionsSchema.parse({ arms, exploration: 0.1 }), space);
    const trials: TrialView[] = [
      { number: 0, state: 'COMPLETE', params: arms[0], loss: 5, meta: { arm: 0 } },
      { number: 1, state: 'COMPLETE', params: arms[1], loss: 1, meta: { arm: 1 } },
    ];
    const next = s.ask({ space, trials, seed: 0, maxTrials: 10 }, 2);
    expect(next).toEqual([
      { params: arms[1], meta: { arm: 1 } },
      { params: arms[1], meta: { arm: 1 } },
    ]);
  });

  it('counts a pruned pull as a pull that earned nothing', () => {
    const s = banditStrategy.create(banditOptionsSchema.parse({ arms, exploration: 0.1 }), space);
    // Equal results: alone, the tie goes to arm 0; a pruned pull of arm 0 halves its mean, so arm 1 goes next.
    const trials: TrialView[] = [
      { number: 0, state: 'COMPLETE', params: arms[0], loss: 3, meta: { arm: 0 } },
      { number: 1, state: 'COMPLETE', params: arms[1], loss: 3, meta: { arm: 1 } },
    ];
    expect(s.ask({ space, trials, seed: 0, maxTrials: 10 }, 1)[0].meta).toEqual({ arm: 0 });
    const pruned: TrialView = { number: 2, state: 'PRUNED', params: arms[0], lastStep: { step: 4, loss: 0 }, meta: { arm: 0 } };
    expect(s.ask({ space, trials: [...trials, pruned], seed: 0, maxTrials: 10 }, 1)[0].meta).toEqual({ arm: 1 });
  });

  it('validates preset arms against the space, naming the arm and parameter', () => {
    const issues = checkStrategy({ name: 'bandit', options: { arms: [arms[0], { batchSize: 20, mode: 'a' }, { mode: 'c', extra: 1 }] } }, space, { maxTrials: 10 });
    expect(issues).toEqual([
      { path: 'strategy.options.arms[1].batchSize', message: '20 is not an integer in [16, 128] on steps of 16 from 16' },
      { path: 'strategy.options.arms[2].batchSize', message: 'is required: the configuration sets every parameter' },
      { path: 'strategy.options.arms[2].mode', message: '"c" is not one of "a", "b"' },
      { path: 'strategy.options.arms[2].extra', message: 'is not a parameter of the study (its parameters: batchSize, mode)' },
    ]);
    expect(() => banditStrategy.create(banditOptionsSchema.parse({ arms: [{ mode: 'a' }] }), space)).toThrow(/arms\[0\]\.batchSize/);
  });
});

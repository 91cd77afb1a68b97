import { Rng } from '@attune/core/random/rng';
import { describe, expect, it } from 'vitest';
import { describeStrategyConformance } from '../testing/strategy-conformance';
import { RandomStrategy, randomStrategy } from './random.strategy';

describeStrategyConformance(randomStrategy, { quadratic: { trials: 80, maxRegret: 1 }, prunedAsFailedBecause: 'a configuration taken' });

describe('random', () => {
  it('draws trial n from its own stream, whatever came before', () => {
    const space = [{ name: 'x', type: 'float', min: 0, max: 1 }] as const;
    const s = new RandomStrategy(space, { maxRedraws: 0 });
    const five = s.ask({ space, trials: [], seed: 3, maxTrials: 10 }, 5);
    const fromTwo = s.ask({ space, trials: five.slice(0, 2).map((p, i) => ({ number: i, state: 'COMPLETE', params: p.params, loss: 1 })), seed: 3, maxTrials: 10 }, 3);
    expect(fromTwo.map((p) => p.params)).toEqual(five.slice(2).map((p) => p.params));
    expect(five[0].params.x).toBe(Rng.derive(3, 0, 0).float());
  });

  it('covers every value of a small discrete space before repeating', () => {
    const space = [{ name: 'c', type: 'categorical', values: ['a', 'b', 'c', 'd'] }] as const;
    const batch = new RandomStrategy(space, { maxRedraws: 32 }).ask({ space, trials: [], seed: 1, maxTrials: 4 }, 4);
    expect(new Set(batch.map((p) => p.params.c)).size).toBe(4);
  });
});

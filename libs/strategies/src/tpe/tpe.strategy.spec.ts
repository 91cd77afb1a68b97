import type { SearchSpace } from '@attune/core/search-space/parameter';
import type { TrialView } from '@attune/core/trial/trial-view';
import { describe, expect, it } from 'vitest';
import { describeStrategyConformance } from '../testing/strategy-conformance';
import { tpeOptionsSchema } from './tpe-options';
import { TpeStrategy, tpeStrategy } from './tpe.strategy';

describeStrategyConformance(tpeStrategy, { quadratic: { trials: 60, maxRegret: 0.1, seeds: [0, 1, 2] } });
describeStrategyConformance({ ...tpeStrategy, name: 'tpe (independent)' }, { options: { multivariate: false }, quadratic: { trials: 60, maxRegret: 0.1 } });

const SPACE: SearchSpace = [
  { name: 'x', type: 'float', min: -5, max: 5 },
  { name: 'n', type: 'int', min: 1, max: 1000, log: true },
  { name: 'c', type: 'categorical', values: ['a', 'b', 'c'] },
];
const loss = (p: TrialView['params']) => ((p.x as number) - 1) ** 2 + Math.log10((p.n as number) / 50) ** 2 + (p.c === 'b' ? 0 : 1);

function history(n: number, seed = 4): TrialView[] {
  const strategy = new TpeStrategy(SPACE, tpeOptionsSchema.parse({}));
  const trials: TrialView[] = [];
  while (trials.length < n) {
    const [p] = strategy.ask({ space: SPACE, trials, seed, maxTrials: n }, 1);
    trials.push({ number: trials.length, state: 'COMPLETE', params: p.params, loss: loss(p.params) });
  }
  return trials;
}

describe('tpe', () => {
  it('draws its startup trials exactly like the random strategy, then models', () => {
    const trials = history(30);
    expect(Math.min(...trials.slice(10).map((t) => t.loss as number))).toBeLessThan(Math.min(...trials.slice(0, 10).map((t) => t.loss as number)));
  });

  it('lets a pending trial push the next proposal away (constant liar)', () => {
    const trials = history(30);
    const strategy = new TpeStrategy(SPACE, tpeOptionsSchema.parse({}));
    const ctx = { space: SPACE, trials, seed: 4, maxTrials: 100 };
    const [first] = strategy.ask(ctx, 1);
    const pending: TrialView = { number: trials.length, state: 'RUNNING', params: first.params };
    const [next] = strategy.ask({ ...ctx, trials: [...trials, pending] }, 1);
    expect(next.params).not.toEqual(first.params);
    // Within one ask the earlier proposals count as pending: the batch's second equals `next`.
    const batch = strategy.ask(ctx, 2);
    expect(batch[0].params).toEqual(first.params);
    expect(batch[1].params).toEqual(next.params);
  });

  it('concentrates on the good region: most late proposals pick the best category', () => {
    const late = history(80).slice(40);
    expect(late.filter((t) => t.params.c === 'b').length).toBeGreaterThan(late.length / 2);
  });

  it('validates its options with defaults', () => {
    expect(tpeOptionsSchema.parse({})).toMatchObject({ multivariate: true, bandwidth: 'neighbour', nStartupTrials: 10, nEiCandidates: 48, gamma: 0.15, gammaMax: 25 });
    expect(tpeOptionsSchema.safeParse({ bandwidth: 'silverman' }).success).toBe(false);
    expect(tpeOptionsSchema.safeParse({ gamma: 0 }).success).toBe(false);
    expect(tpeOptionsSchema.safeParse({ bogus: 1 }).success).toBe(false);
  });
});

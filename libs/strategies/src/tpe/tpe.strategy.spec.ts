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

  it('takes a multi-objective, constrained history with failures, NaN losses and pending trials: legal, new, deterministic proposals', () => {
    const base = history(24);
    const trials: TrialView[] = base.map((t, i) => {
      if (i % 7 === 3) return { number: i, state: 'FAILED', params: t.params };
      if (i === base.length - 1) return { number: i, state: 'RUNNING', params: t.params };
      const losses = i % 5 === 0 ? [Number.NaN, 1] : [t.loss as number, (t.params.x as number) ** 2];
      const slack = (t.params.x as number) - 2;
      return { number: i, state: 'COMPLETE', params: t.params, losses, constraints: [slack], violation: Math.max(slack, 0) };
    });
    const ctx = { space: SPACE, trials, seed: 4, maxTrials: 100 };
    const batch = new TpeStrategy(SPACE, tpeOptionsSchema.parse({})).ask(ctx, 4);
    expect(new TpeStrategy(SPACE, tpeOptionsSchema.parse({})).ask(ctx, 4)).toEqual(batch);
    const keys = new Set(trials.map((t) => JSON.stringify(t.params)));
    for (const { params } of batch) {
      expect(params.x as number).toBeGreaterThanOrEqual(-5);
      expect(params.x as number).toBeLessThanOrEqual(5);
      expect(Number.isInteger(params.n)).toBe(true);
      expect(['a', 'b', 'c']).toContain(params.c);
      expect(keys.has(JSON.stringify(params))).toBe(false);
      keys.add(JSON.stringify(params));
    }
  });

  it('validates its options with defaults', () => {
    expect(tpeOptionsSchema.parse({})).toMatchObject({ multivariate: true, bandwidth: 'neighbour', nStartupTrials: 10, nEiCandidates: 48, gamma: 0.15, gammaMax: 25 });
    expect(tpeOptionsSchema.safeParse({ bandwidth: 'silverman' }).success).toBe(false);
    expect(tpeOptionsSchema.safeParse({ gamma: 0 }).success).toBe(false);
    expect(tpeOptionsSchema.safeParse({ bogus: 1 }).success).toBe(false);
  });
});

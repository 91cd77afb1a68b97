import type { SearchSpace } from '@attune/core/search-space/parameter';
import type { TrialView } from '@attune/core/trial/trial-view';
import { describe, expect, it } from 'vitest';
import { describeStrategyConformance } from '../testing/strategy-conformance';
import { cmaesOptionsSchema } from './cmaes-options';
import { CmaesStrategy, cmaesStrategy } from './cmaes.strategy';

describeStrategyConformance(cmaesStrategy, { quadratic: { trials: 60, maxRegret: 0.05, seeds: [0, 1, 2] }, prunedAsFailedBecause: 'ranked last in its generation' });

const SPACE: SearchSpace = [
  { name: 'x', type: 'float', min: -5, max: 5 },
  { name: 'y', type: 'float', min: -5, max: 5 },
  { name: 'n', type: 'int', min: 1, max: 20 },
];
const loss = (p: TrialView['params']) => ((p.x as number) - 1) ** 2 + ((p.y as number) + 2) ** 2 + (((p.n as number) - 7) / 4) ** 2;

function run(trials: number, batch: number, seed = 3): TrialView[] {
  const strategy = new CmaesStrategy(SPACE, cmaesOptionsSchema.parse({}));
  const history: TrialView[] = [];
  while (history.length < trials) {
    for (const p of strategy.ask({ space: SPACE, trials: history, seed, maxTrials: trials }, batch)) {
      history.push({ number: history.length, state: 'COMPLETE', params: p.params, loss: loss(p.params), meta: p.meta });
    }
  }
  return history;
}

describe('cmaes', () => {
  it('rejects categorical parameters in check, naming them', () => {
    const space: SearchSpace = [...SPACE, { name: 'mode', type: 'categorical', values: ['a', 'b'] }, { name: 'm2', type: 'categorical', values: [1, 2] }];
    const issues = cmaesStrategy.check?.(cmaesOptionsSchema.parse({}), space, { maxTrials: 10 }) ?? [];
    expect(issues).toEqual([{ path: 'strategy.name', message: expect.stringContaining('mode, m2') }]);
    expect(cmaesStrategy.check?.(cmaesOptionsSchema.parse({}), SPACE, { maxTrials: 10 })).toEqual([]);
  });

  it('tags proposals with their generation: popsize 7 in 3-D (4 + floor(3 ln 3))', () => {
    const history = run(21, 1);
    expect(history.map((t) => t.meta?.generation)).toEqual([...Array(7).fill(0), ...Array(7).fill(1), ...Array(7).fill(2)]);
    expect(new Set(history.map((t) => t.meta?.restart))).toEqual(new Set([0]));
  });

  it('adds extras to a full generation whose members are still pending', () => {
    const strategy = new CmaesStrategy(SPACE, cmaesOptionsSchema.parse({}));
    const proposals = strategy.ask({ space: SPACE, trials: [], seed: 1, maxTrials: 50 }, 9);
    expect(proposals.map((p) => p.meta?.generation)).toEqual(Array(9).fill(0));
  });

  it('scores a FAILED trial as the worst of its generation', () => {
    const history = run(7, 7);
    const worst = Math.max(...history.map((t) => t.loss as number));
    const failed = history.map((t, i) => (i === 2 ? { ...t, state: 'FAILED' as const, loss: undefined } : t));
    const asWorst = history.map((t, i) => (i === 2 ? { ...t, loss: worst } : t));
    const strategy = new CmaesStrategy(SPACE, cmaesOptionsSchema.parse({}));
    const ctx = (trials: TrialView[]) => ({ space: SPACE, trials, seed: 3, maxTrials: 50 });
    expect(strategy.ask(ctx(failed), 2)).toEqual(strategy.ask(ctx(asWorst), 2));
  });

  it('converges in batches of 4 too', () => {
    const history = run(120, 4);
    expect(Math.min(...history.map((t) => t.loss as number))).toBeLessThan(0.1);
  });

  it('restarts with a doubled population once the search has stalled (IPOP)', () => {
    // A flat objective stalls at once: every generation has the same best.
    const strategy = new CmaesStrategy(SPACE, cmaesOptionsSchema.parse({}));
    const history: TrialView[] = [];
    while (history.length < 400) {
      for (const p of strategy.ask({ space: SPACE, trials: history, seed: 5, maxTrials: 400 }, 7)) {
        history.push({ number: history.length, state: 'COMPLETE', params: p.params, loss: 1, meta: p.meta });
      }
    }
    const last = history[history.length - 1].meta as { restart: number };
    expect(last.restart).toBeGreaterThan(0);
  });
});

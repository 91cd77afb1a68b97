import type { SearchSpace } from '@attune/core/search-space/parameter';
import type { TrialView } from '@attune/core/trial/trial-view';
import { describe, expect, it } from 'vitest';
import { runOptimization } from '../engine/in-process-study';
import { describeStrategyConformance } from '../testing/strategy-conformance';
import { gridLevels } from './grid-levels';
import { gridOptionsSchema } from './grid-options';
import { pruneLine } from './grid-pruning';
import { gridStrategy, GridStrategy } from './grid.strategy';

describeStrategyConformance(gridStrategy, { options: { levels: 9 }, quadratic: { trials: 81, maxRegret: 0.5 }, prunedAsFailedBecause: 'a grid point tried; no evidence against its levels' });
describeStrategyConformance(gridStrategy, { options: { levels: 9, prune: { enabled: true } }, quadratic: { trials: 60, maxRegret: 0.5 }, prunedAsFailedBecause: 'a grid point tried; no evidence against its levels' });

const opts = (raw: unknown = {}) => gridOptionsSchema.parse(raw);

describe('grid levels', () => {
  it('takes every level of small discrete parameters and spaced levels otherwise', () => {
    const space: SearchSpace = [
      { name: 'c', type: 'categorical', values: ['a', 'b'] },
      { name: 'n', type: 'int', min: 1, max: 4 },
      { name: 's', type: 'float', min: 0, max: 1, step: 0.25 },
      { name: 'x', type: 'float', min: 0, max: 10 },
      { name: 'lr', type: 'float', min: 0.001, max: 1, log: true },
      { name: 'big', type: 'int', min: 0, max: 1000 },
    ];
    const [c, n, s, x, lr, big] = gridLevels(space, opts({ levels: 4 }));
    expect(c).toEqual(['a', 'b']);
    expect(n).toEqual([1, 2, 3, 4]);
    expect(s).toEqual([0, 0.25, 0.5, 0.75, 1]);
    expect(x.map((v) => Number((v as number).toFixed(6)))).toEqual([0, 3.333333, 6.666667, 10]);
    expect(lr.map((v) => Number((v as number).toPrecision(6)))).toEqual([0.001, 0.01, 0.1, 1]);
    expect(big).toEqual([0, 333, 667, 1000]);
  });
});

describe('grid', () => {
  const space: SearchSpace = [
    { name: 'a', type: 'int', min: 0, max: 3 },
    { name: 'b', type: 'categorical', values: ['x', 'y', 'z'] },
  ];

  it('visits every configuration once, in a seeded order, then stops', async () => {
    const run = (seed: number) => runOptimization({ space, direction: 'minimize', evaluate: () => 1, strategy: { name: 'grid', options: {} }, seed, trials: 50, batch: 5 });
    const r1 = await run(1);
    expect(r1.trials).toHaveLength(12);
    expect(new Set(r1.trials.map((t) => JSON.stringify(t.params))).size).toBe(12);
    expect((await run(1)).trials).toEqual(r1.trials);
    expect((await run(2)).trials.map((t) => t.params)).not.toEqual(r1.trials.map((t) => t.params));
  });

  it('reports a grid larger than the budget unless pruning is on', () => {
    const big: SearchSpace = [
      { name: 'x', type: 'float', min: 0, max: 1 },
      { name: 'y', type: 'float', min: 0, max: 1 },
    ];
    expect(gridStrategy.check!(opts(), big, { maxTrials: 10 })).toEqual([
      { path: 'budget.maxTrials', message: expect.stringMatching(/grid has 25 configurations.*raise budget\.maxTrials to 25/) },
    ]);
    expect(gridStrategy.check!(opts(), big, { maxTrials: 25 })).toEqual([]);
    expect(gridStrategy.check!(opts({ prune: { enabled: true } }), big, { maxTrials: 10 })).toEqual([]);
  });

  it('drops levels whose every result is clearly worse than the best', () => {
    const s = new GridStrategy(space, opts({ prune: { enabled: true, threshold: 0.5, minTrialsPerLevel: 2 } }));
    // a=3 scored 10 twice while the best is 2: a=3 is dropped; a=2 has one result only and stays.
    const done: TrialView[] = [
      { number: 0, state: 'COMPLETE', params: { a: 0, b: 'x' }, loss: 2 },
      { number: 1, state: 'COMPLETE', params: { a: 3, b: 'x' }, loss: 10 },
      { number: 2, state: 'COMPLETE', params: { a: 3, b: 'y' }, loss: 10 },
      { number: 3, state: 'COMPLETE', params: { a: 2, b: 'y' }, loss: 10 },
      { number: 4, state: 'COMPLETE', params: { a: 1, b: 'y' }, loss: 2.5 },
    ];
    const next = s.ask({ space, trials: done, seed: 0, maxTrials: 12 }, 12);
    expect(next.map((p) => p.params.a)).not.toContain(3);
    expect(next).toHaveLength(12 - 5 - 1);
  });

  it('skips pruned grid points, but drops no level on pruned trials alone', () => {
    const s = new GridStrategy(space, opts({ prune: { enabled: true, threshold: 0.5, minTrialsPerLevel: 2 } }));
    // a=3's two trials were pruned (however bad their last steps): its other points stay, theirs are taken.
    const trials: TrialView[] = [
      { number: 0, state: 'COMPLETE', params: { a: 0, b: 'x' }, loss: 2 },
      { number: 1, state: 'PRUNED', params: { a: 3, b: 'x' }, lastStep: { step: 1, loss: 1e9 } },
      { number: 2, state: 'PRUNED', params: { a: 3, b: 'y' } },
      { number: 3, state: 'COMPLETE', params: { a: 1, b: 'y' }, loss: 2.5 },
    ];
    const next = s.ask({ space, trials, seed: 0, maxTrials: 12 }, 12).map((p) => p.params);
    expect(next).toHaveLength(12 - 4);
    expect(next).toContainEqual({ a: 3, b: 'z' });
    expect(next).not.toContainEqual({ a: 3, b: 'x' });
    expect(next).not.toContainEqual({ a: 3, b: 'y' });
  });

  it('uses a scale-safe line for losses of any sign', () => {
    expect(pruneLine([10, 12, 30], 0.5)).toBe(15); // (1 + 0.5) · best
    expect(pruneLine([0, 4, 8], 0.5)).toBe(2); // best 0: half the gap to the median
    expect(pruneLine([-10, -8, -2], 0.5)).toBe(-5); // maximising: 50% of |best| away
    expect(pruneLine([-1e300, 1e300, 1e300], 0.5)).toBe(0);
    expect(pruneLine([-1e308, 1e308, 1e308], 0.5)).toBe(Infinity); // overflow: prune nothing
  });
});
